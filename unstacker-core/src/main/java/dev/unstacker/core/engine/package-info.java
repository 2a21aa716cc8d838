/** Engine start-up: the PyTorch engine, started offline and without telemetry. */
package dev.unstacker.core.engine;
