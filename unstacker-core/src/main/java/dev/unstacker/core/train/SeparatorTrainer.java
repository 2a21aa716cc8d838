package dev.unstacker.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.unstacker.api.EpochResult;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.api.UnstackerException;
import dev.unstacker.core.engine.DeviceSelector;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.eval.EvaluationResult;
import dev.unstacker.core.eval.MixtureBatch;
import dev.unstacker.core.eval.SeparationEvaluator;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.loss.PermutationInvariantLoss;
import dev.unstacker.core.mix.MixtureDataset;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.model.SeparatorNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SeparatorNet} on mixture splits with DJL's {@link Trainer} and Adam. Checkpoints
 * keep Adam's moments and the gradient clipping's running values, so a resumed run makes the same
 * updates as an uninterrupted one.
 *
 * <p>Each epoch reseeds the engine with {@code seed + epoch}, so the shuffling of an epoch does not
 * depend on earlier epochs and a resumed run gets the same batches as an uninterrupted one. After
 * each epoch the validation split is scored, the network is saved as the last checkpoint (and as
 * the best one when its validation PIT-MAE is the lowest so far), and observers are notified. The
 * returned network carries the best epoch's parameters.
 */
public final class SeparatorTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SeparatorTrainer.class);

    /**
     * Uniform weights in ±1/√fan_in, PyTorch's default for convolutions. DJL's default, He-normal,
     * is about 2.45 times larger; with it the first hundreds of steps measured markedly worse.
     */
    private static final Initializer PYTORCH_DEFAULT_INITIALIZER =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1);

    private final TrainingSettings settings;

    /**
     * Creates a trainer.
     *
     * @param settings validated training settings
     */
    public SeparatorTrainer(TrainingSettings settings) {
        this.settings = settings;
    }

    /**
     * Trains a network and returns it with its history.
     *
     * @param modelConfig the network's settings; its source count must match the splits'
     * @param splits the train and validation splits
     * @param observers notified after every epoch, in order
     * @return the trained network; the caller closes it
     * @throws IOException if a checkpoint cannot be written
     * @throws UnstackerException if resuming finds damaged checkpoints or checkpoints of other settings
     */
    public TrainingOutcome train(SeparatorConfig modelConfig, MixtureSplits splits, List<TrainingObserver> observers)
            throws IOException, UnstackerException {
        MixtureDataset trainSet = splits.train();
        if (modelConfig.sources() != trainSet.sourceCount()) {
            throw new IllegalArgumentException(
                    "The model separates " + modelConfig.sources() + " sources but the mixtures have "
                            + trainSet.sourceCount() + "; build both with the same source count");
        }
        if (settings.batchSize() != splits.protocol().batchSize()) {
            throw new IllegalArgumentException(
                    "The training settings use batches of " + settings.batchSize() + " but the mixture splits were built "
                            + "for batches of " + splits.protocol().batchSize() + "; use the same batch size in both");
        }
        Engine engine = EngineSetup.engine();
        Device device = DeviceSelector.select(settings.device());
        LOG.info("Training on {} with DJL {} {} {}", device, Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion());

        boolean temporary = settings.checkpointDirectory() == null;
        Path directory = temporary ? Files.createTempDirectory("unstacker-checkpoints") : settings.checkpointDirectory();
        Checkpoints checkpoints = new Checkpoints(directory);
        String fingerprint = fingerprint(modelConfig, splits);
        TrainingState state = settings.resume() ? checkpoints.read(fingerprint) : null;
        if (state == null) {
            if (settings.resume()) {
                LOG.warn("No checkpoint to resume in {}; starting from epoch 1", directory);
            }
            state = new TrainingState();
            state.fingerprint = fingerprint;
        } else {
            LOG.info("Resuming after epoch {} from {}", state.epochsCompleted, checkpoints.last());
            for (TrainingObserver observer : observers) {
                observer.onResume(List.copyOf(state.history));
            }
        }

        try {
            runEpochs(engine, device, modelConfig, splits, observers, checkpoints, state);
            return loadBest(device, checkpoints, state);
        } finally {
            if (temporary) {
                deleteRecursively(directory);
            }
        }
    }

    private void runEpochs(
            Engine engine,
            Device device,
            SeparatorConfig modelConfig,
            MixtureSplits splits,
            List<TrainingObserver> observers,
            Checkpoints checkpoints,
            TrainingState state)
            throws IOException, UnstackerException {
        MixtureDataset trainSet = splits.train();
        MixtureBatch validation = MixtureBatch.from(splits.validation());
        int height = trainSet.imageHeight();
        int width = trainSet.imageWidth();
        ModelDescription description = new ModelDescription(modelConfig, height, width, settings.distance().name());
        // Validation logs PIT-MAE and PSNR only, so it skips SSIM. It runs at the training batch size:
        // on the CPU, batches of 256 took twice as long (6.7 s against 3.3 s for 2,000 mixtures).
        SeparationEvaluator evaluator = new SeparationEvaluator(settings.distance(), settings.batchSize()).withoutSsim();

        engine.setRandomSeed(Long.hashCode(settings.seed()));
        try (Model model = Model.newInstance("unstacker", device)) {
            SeparatorNet block;
            if (state.epochsCompleted > 0) {
                block = ModelFolder.load(checkpoints.last(), model.getNDManager()).block();
            } else if (settings.initialModel() != null) {
                ModelFolder.Loaded initial = ModelFolder.load(settings.initialModel(), model.getNDManager());
                if (!initial.description().config().equals(modelConfig)) {
                    throw new IllegalArgumentException(
                            "The initial model " + settings.initialModel() + " has settings " + initial.description().config()
                                    + " but this run trains " + modelConfig + "; use the same settings to continue training it");
                }
                block = initial.block();
                LOG.info("Starting from the parameters of {}", settings.initialModel());
            } else {
                block = new SeparatorNet(modelConfig);
            }
            model.setBlock(block);

            long stepsPerEpoch = trainSet.mixtureCount() / settings.batchSize();
            long totalSteps = stepsPerEpoch * settings.epochs();
            boolean restoresOptimizer = state.optimizerFile != null;
            if (state.epochsCompleted > 0 && !restoresOptimizer) {
                LOG.warn("The checkpoint in {} has no optimizer state, because an earlier version wrote it; "
                        + "Adam's moments start again from zero", checkpoints.last());
            }
            // Adam counts its updates from 1. Without saved state the count starts again, so the
            // schedule is shifted by the steps already done.
            long stepOffset = restoresOptimizer ? 0 : stepsPerEpoch * state.epochsCompleted;
            Tracker rate = update -> settings.schedule().rateAt((float) settings.learningRate(), stepOffset + update - 1, totalSteps);
            ResumableAdam optimizer = new ResumableAdam(rate);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new PermutationInvariantLoss(settings.distance()))
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device})
                    .optInitializer(PYTORCH_DEFAULT_INITIALIZER, Parameter.Type.WEIGHT);
            ProgressBarListener progress = null;
            if (settings.progressBar()) {
                progress = new ProgressBarListener(stepsPerEpoch);
                config.addTrainingListeners(progress);
            }

            GradientClipping clipping =
                    settings.gradientClipFactor() > 0 ? new GradientClipping(settings.gradientClipFactor()) : null;
            if (clipping != null && state.clipping != null) {
                clipping.restore(state.clipping);
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), 1, height, width));
                if (restoresOptimizer) {
                    optimizer.restore(checkpoints.file(state.optimizerFile), state.optimizerUpdates,
                            block.getParameters(), model.getNDManager());
                }
                trainer.notifyListeners(listener -> listener.onTrainingBegin(trainer));
                for (int epoch = state.epochsCompleted + 1; epoch <= settings.epochs(); epoch++) {
                    EpochResult result = runEpoch(engine, trainer, trainSet, progress, epoch, state, validation, evaluator, block, clipping);
                    if (!Double.isFinite(result.validationPitMae())) {
                        String advice = clipping == null
                                ? "Lower the learning rate or turn on gradient clipping."
                                : "Lower the learning rate. Gradient clipping was on, but it cannot scale a NaN or"
                                        + " infinite gradient.";
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "Training diverged in epoch %d: validation PIT-MAE is %s (train loss %s). %s Nothing of"
                                        + " this epoch was saved.",
                                epoch, result.validationPitMae(), result.trainLoss(), advice));
                    }
                    state.history.add(result);
                    state.epochsCompleted = epoch;
                    state.elapsedSeconds = result.elapsedSeconds();
                    boolean isBest = result.validationPitMae() < state.bestValidationPitMae;
                    if (isBest) {
                        state.bestValidationPitMae = result.validationPitMae();
                        state.bestEpoch = epoch;
                        description.metrics().put("validation_pit_mae", result.validationPitMae());
                        description.metrics().put("validation_psnr_db", result.validationPsnrDb());
                        description.metrics().put("epoch", epoch);
                    }
                    state.clipping = clipping == null ? null : clipping.state();
                    checkpoints.save(block, description, state, isBest, optimizer);
                    logEpoch(result);
                    for (TrainingObserver observer : observers) {
                        observer.onEpoch(result);
                    }
                    if (result.validationPitMae() <= settings.stopAtValidationPitMae()) {
                        LOG.info("Validation PIT-MAE {} reached the target {}; stopping after epoch {}",
                                result.validationPitMae(), settings.stopAtValidationPitMae(), epoch);
                        break;
                    }
                }
                trainer.notifyListeners(listener -> listener.onTrainingEnd(trainer));
            }
        }
        for (TrainingObserver observer : observers) {
            observer.onFinished(state.bestValidationPitMae);
        }
    }

    private EpochResult runEpoch(
            Engine engine,
            Trainer trainer,
            MixtureDataset trainSet,
            ProgressBarListener progress,
            int epoch,
            TrainingState state,
            MixtureBatch validation,
            SeparationEvaluator evaluator,
            SeparatorNet block,
            GradientClipping clipping)
            throws IOException {
        engine.setRandomSeed(Long.hashCode(settings.seed() + epoch));
        if (trainSet.isDynamic()) {
            trainSet.regroup(epoch);
        }
        if (progress != null) {
            progress.startEpoch(epoch, settings.epochs());
        }
        long start = System.nanoTime();
        double lossTotal = 0;
        long steps = 0;
        try {
            for (Batch batch : trainer.iterateDataset(trainSet)) {
                try (batch) {
                    lossTotal += step(trainer, batch, clipping);
                    steps++;
                    TrainingListener.BatchData data = new TrainingListener.BatchData(batch, Map.of(), Map.of());
                    trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, data));
                }
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("Building a training batch failed: " + e.getMessage(), e);
        }
        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        if (clipping != null) {
            LOG.info(String.format(Locale.ROOT, "Epoch %d: %d steps clipped so far; mean gradient norm %.4g",
                    epoch, clipping.clippedSteps(), clipping.meanNorm()));
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        EvaluationResult scores;
        long validationStart = System.nanoTime();
        try (NDManager scope = trainer.getManager().newSubManager()) {
            // The folded form is what separation runs, and it is faster.
            scores = evaluator.evaluate(block.folded(scope), scope, validation);
        }
        LOG.debug("Validation after epoch {} took {} s", epoch, (System.nanoTime() - validationStart) / 1e9);
        double elapsed = state.elapsedSeconds + (System.nanoTime() - start) / 1e9;
        double samplesPerSecond = steps * settings.batchSize() / trainSeconds;
        return new EpochResult(epoch, elapsed, lossTotal / Math.max(1, steps), scores.meanPitMae(), scores.meanPsnrDb(), samplesPerSecond);
    }

    /**
     * Runs one forward and backward pass, clips the gradient if asked, and makes one optimizer
     * update; returns the batch's loss.
     */
    private static float step(Trainer trainer, Batch batch, GradientClipping clipping) {
        float loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
            NDArray value = trainer.getLoss().evaluate(batch.getLabels(), predictions);
            collector.backward(value);
            loss = value.getFloat();
        }
        if (clipping != null) {
            clipping.apply(trainer.getModel().getBlock().getParameters().values());
        }
        trainer.step();
        return loss;
    }

    private void logEpoch(EpochResult result) {
        double perEpoch = result.elapsedSeconds() / result.epoch();
        double minutesLeft = perEpoch * (settings.epochs() - result.epoch()) / 60;
        LOG.info(String.format(
                Locale.ROOT,
                "Epoch %d/%d: train loss %.4f, validation PIT-MAE %.4f, PSNR %.2f dB, %.0f mixtures/s, %.1f min left",
                result.epoch(), settings.epochs(), result.trainLoss(), result.validationPitMae(),
                result.validationPsnrDb(), result.samplesPerSecond(), minutesLeft));
    }

    private static TrainingOutcome loadBest(Device device, Checkpoints checkpoints, TrainingState state)
            throws UnstackerException {
        Model model = Model.newInstance("unstacker", device);
        try {
            ModelFolder.Loaded loaded = ModelFolder.load(checkpoints.best(), model.getNDManager());
            model.setBlock(loaded.block());
            return new TrainingOutcome(model, loaded.description(), state.history, state.bestEpoch, device);
        } catch (UnstackerException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private String fingerprint(SeparatorConfig modelConfig, MixtureSplits splits) {
        return modelConfig + " " + splits.protocol() + " " + settings.distance().name() + " lr=" + settings.learningRate()
                + " schedule=" + settings.schedule() + " batch=" + settings.batchSize() + " epochs=" + settings.epochs()
                + " seed=" + settings.seed() + " stopAt=" + settings.stopAtValidationPitMae() + " init=" + settings.initialModel()
                + (settings.gradientClipFactor() == 0 ? "" : " clip=" + settings.gradientClipFactor());
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // Logged, not thrown: this runs in a finally block, where it would hide the result or the first error.
            LOG.warn("Cannot delete the temporary checkpoint folder {}: {}", directory, e.getMessage());
        }
    }
}
