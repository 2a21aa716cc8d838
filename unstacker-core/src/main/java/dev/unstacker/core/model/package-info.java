/**
 * The separation network: a residual encoder–decoder that maps a 1-channel mixture to K estimates.
 *
 * <p>Depends on nothing else in the library, so it can be trained or served by any caller.
 */
package dev.unstacker.core.model;
