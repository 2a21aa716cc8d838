/**
 * Model folders: the network's parameters and a JSON description, written atomically and checked
 * on every load.
 */
package dev.unstacker.core.io;
