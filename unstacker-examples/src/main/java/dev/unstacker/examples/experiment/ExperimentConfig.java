package dev.unstacker.examples.experiment;

import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.nio.file.Path;

/**
 * Everything one experiment run needs.
 *
 * @param protocol how mixtures are made and split
 * @param model the network's settings
 * @param training how to train
 * @param outputDirectory where results go
 * @param dataDirectory a folder with the Fashion-MNIST files, or null to search the usual places
 * @param commandLine the command that started the run, recorded with the model
 */
record ExperimentConfig(
        MixtureProtocol protocol,
        SeparatorConfig model,
        TrainingSettings training,
        Path outputDirectory,
        Path dataDirectory,
        String commandLine) {}
