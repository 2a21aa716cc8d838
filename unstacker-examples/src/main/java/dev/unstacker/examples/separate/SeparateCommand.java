package dev.unstacker.examples.separate;

import dev.unstacker.Unstacker;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.api.Separation;
import dev.unstacker.core.inference.Background;
import dev.unstacker.core.inference.OutputSize;
import dev.unstacker.core.inference.SeparationOptions;
import dev.unstacker.examples.cli.Options;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Separates image files: for an input {@code shirt.png} it writes {@code shirt-1.png} …
 * {@code shirt-K.png} to the output folder, and a repeated name gets a suffix ({@code shirt_2-1.png}).
 * A file that cannot be read is reported by name, and the other files are still separated. Estimates
 * already in the output folder are kept, and their input reported as failed, unless
 * {@code --overwrite} is given. The exit status is 0 only if every file succeeded.
 */
public final class SeparateCommand {

    static final String HELP = String.join(
            System.lineSeparator(),
            "Usage: ./unstacker separate [OPTIONS] IMAGE...",
            "",
            "Separates each image into K estimates, written as NAME-1.png ... NAME-K.png. A name that",
            "repeats within a run gets a suffix: a second a.png writes a_2-1.png ... a_2-K.png.",
            "",
            "Options:",
            "  --out DIR          output folder (default: the current folder)",
            "  --model DIR        a model folder (default: the bundled fashion-mnist model)",
            "  --background MODE  auto, dark or light: light backgrounds are inverted first (default auto)",
            "  --size MODE        model (28x28) or input (the input's size) (default model)",
            "  --depth MODE       bits per pixel of the written PNGs: auto (16 for inputs with more",
            "                     than 8 bits per sample, else 8), 8 or 16 (default auto)",
            "  --overwrite        replace estimates already in the output folder (default: keep them",
            "                     and report the input as failed)");

    private static final Set<String> VALUED = Set.of("out", "model", "background", "size", "depth");
    private static final Set<String> FLAGS = Set.of("help", "overwrite");

    private SeparateCommand() {}

    /**
     * Runs the command.
     *
     * @param args image files and options
     * @param out standard output
     * @param err standard error
     * @return 0 if every file was separated, 1 if any failed, 2 for invalid usage
     * @throws Exception if the model cannot be loaded
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse("separate", args, VALUED, FLAGS);
        if (options.has("help")) {
            out.println(HELP);
            return 0;
        }
        List<String> files = options.positional();
        if (files.isEmpty()) {
            err.println("No image files given.");
            err.println(HELP);
            return 2;
        }
        SeparationOptions separationOptions = SeparationOptions.builder()
                .optBackground(options.choice("background", Background.AUTO))
                .optOutputSize(options.choice("size", OutputSize.MODEL))
                .build();
        Path folder = options.path("out") == null ? Path.of(".") : options.path("out");
        Depth depth = options.choice("depth", Depth.AUTO);
        boolean overwrite = options.has("overwrite");
        int failures = 0;
        String model = options.text("model", Unstacker.FASHION_MNIST);
        Set<String> usedNames = new HashSet<>();
        Set<Path> inputs = new HashSet<>();
        for (String file : files) {
            try {
                inputs.add(realLocation(Path.of(file)));
            } catch (InvalidPathException e) {
                // Reported for this file below, and the others are still separated.
            }
        }
        // ImageIO writes through memory, because its disk cache leaves files in the temporary folder
        // when a run is killed.
        ImageIO.setUseCache(false);
        try (Unstacker unstacker = Unstacker.load(model)) {
            // Created only once the model has loaded, so a bad --model leaves no empty folder.
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                err.println("Error: the output folder " + folder + " is not writable; choose another with --out");
                return 1;
            }
            EstimateFiles.tidyAfterEndedRuns(folder, err);
            for (String file : files) {
                try {
                    Path input = Path.of(file);
                    if (input.getFileName() == null) {
                        throw new IOException("not an image file");
                    }
                    List<Path> targets = targets(folder, uniqueBaseName(input, usedNames), unstacker.sourceCount());
                    rejectInputs(targets, inputs);
                    if (!overwrite) {
                        rejectExisting(targets);
                    }
                    Separation separation = unstacker.separate(input, separationOptions);
                    boolean sixteenBits = depth == Depth.SIXTEEN || (depth == Depth.AUTO && hasDeepSamples(input));
                    List<BufferedImage> images = sixteenBits ? sixteenBitImages(separation) : separation.images();
                    EstimateFiles.write(targets, images, overwrite, err);
                    out.printf(Locale.ROOT, "%s -> %s (mixture error %.4f)%n", file, targets, separation.mixtureError());
                } catch (InvalidImageException e) {
                    // The message already names the file.
                    failures++;
                    err.println("Failed: " + e.getMessage());
                } catch (IOException e) {
                    failures++;
                    err.println("Failed: " + file + ": " + e.getMessage());
                } catch (InvalidPathException e) {
                    failures++;
                    err.println("Failed: " + file + ": not a valid file name on this system (" + e.getReason()
                            + "); names outside ASCII need a UTF-8 locale, for example LANG=C.UTF-8");
                }
            }
        }
        if (failures > 0) {
            err.printf(Locale.ROOT, "%d of %d files failed.%n", failures, files.size());
            return 1;
        }
        return 0;
    }

    /** Bits per pixel of the written estimates. */
    enum Depth {
        AUTO,
        EIGHT,
        SIXTEEN;

        @Override
        public String toString() {
            return switch (this) {
                case AUTO -> "auto";
                case EIGHT -> "8";
                case SIXTEEN -> "16";
            };
        }
    }

    /** Returns whether an image file stores more than 8 bits in any sample, read from its header. */
    static boolean hasDeepSamples(Path file) throws IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    return false;
                }
                for (int size : type.getSampleModel().getSampleSize()) {
                    if (size > 8) {
                        return true;
                    }
                }
                return false;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Renders the estimates as 16-bit gray images, {@code round(v · 65535)} per pixel. */
    static List<BufferedImage> sixteenBitImages(Separation separation) {
        List<BufferedImage> images = new ArrayList<>();
        List<BufferedImage> eightBit = separation.images();
        List<float[]> arrays = separation.arrays();
        for (int k = 0; k < arrays.size(); k++) {
            int width = eightBit.get(k).getWidth();
            int height = eightBit.get(k).getHeight();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
            float[] values = arrays.get(k);
            for (int i = 0; i < values.length; i++) {
                image.getRaster().setSample(i % width, i / width, 0, Math.round(values[i] * 65535f));
            }
            images.add(image);
        }
        return images;
    }

    /** Returns the output files NAME-1.png ... NAME-K.png for one input. */
    private static List<Path> targets(Path folder, String base, int sources) {
        List<Path> targets = new ArrayList<>();
        for (int i = 1; i <= sources; i++) {
            targets.add(folder.resolve(base + "-" + i + ".png"));
        }
        return targets;
    }

    /** Rejects estimates that would replace one of this run's input files. */
    private static void rejectInputs(List<Path> targets, Set<Path> inputs) throws IOException {
        for (Path target : targets) {
            if (inputs.contains(realLocation(target))) {
                throw new IOException(target + " is also an input of this run, so it was kept; choose another --out");
            }
        }
    }

    /**
     * Returns where a file really is, with symbolic links resolved, so two paths to one file compare
     * equal. For a file that does not exist yet, its folder is resolved instead.
     */
    static Path realLocation(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | RuntimeException e) {
            // Not there yet, or not readable: resolve the folder instead.
        }
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null && absolute.getFileName() != null) {
                return absolute.getParent().toRealPath().resolve(absolute.getFileName());
            }
        } catch (IOException | RuntimeException e) {
            // The folder is missing too, so the normalized path is used as it is.
        }
        return absolute.normalize();
    }

    private static void rejectExisting(List<Path> targets) throws IOException {
        for (Path target : targets) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " already exists, so it was kept. Pass --overwrite to replace it");
            }
        }
    }

    /**
     * Returns the file name without its extension, made unique within this run: a second
     * {@code a.png} or an {@code a.gif} becomes {@code a_2}, so no result overwrites another.
     */
    static String uniqueBaseName(Path file, Set<String> usedNames) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String unique = base;
        for (int n = 2; !usedNames.add(unique); n++) {
            unique = base + "_" + n;
        }
        return unique;
    }
}
