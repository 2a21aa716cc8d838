/** Benchmark mains for separation: latency, batch throughput, and a multi-threaded soak. */
package dev.unstacker.examples.benchmark;
