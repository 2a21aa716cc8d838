/**
 * The main job: the Fashion-MNIST separation experiment, from data to a trained model, metrics and
 * a report page that is rewritten after every epoch.
 */
package dev.unstacker.examples.experiment;
