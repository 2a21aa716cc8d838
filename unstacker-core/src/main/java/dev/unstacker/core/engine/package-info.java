/** Engine start-up: the PyTorch engine, started without telemetry, and the choice of device. */
package dev.unstacker.core.engine;
