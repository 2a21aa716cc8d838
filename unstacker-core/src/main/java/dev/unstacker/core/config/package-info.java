/** Validation of settings objects that carry Jakarta Validation constraints. */
package dev.unstacker.core.config;
