package dev.unstacker.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstacker.core.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java blocks of README.md as they are written, and runs the one that separates an
 * image with the bundled model, so the README cannot drift from the API.
 */
class ReadmeExampleTest {

    private static final String IMPORTS = String.join("\n",
            "import dev.unstacker.Unstacker;",
            "import dev.unstacker.api.*;",
            "import dev.unstacker.core.loss.*;",
            "import dev.unstacker.core.mix.*;",
            "import dev.unstacker.core.train.*;",
            "import ai.djl.ndarray.NDArray;",
            "import java.awt.image.BufferedImage;",
            "import java.nio.file.Path;",
            "import java.util.List;");

    private static List<String> javaBlocks() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static Path compile(Path folder, String className, String source) throws Exception {
        Path file = folder.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
            boolean compiled = compiler.getTask(messages, files, null,
                    List.of("-classpath", classPath, "-d", folder.toString()), null, units).call();
            assertThat(compiled).as("README block failed to compile:\n" + source + "\n" + messages).isTrue();
        }
        return folder;
    }

    @Test
    void everyJavaBlockCompiles(@TempDir Path folder) throws Exception {
        List<String> blocks = javaBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String source;
            if (block.contains("class ")) {
                source = IMPORTS + "\n" + block;
                Matcher name = Pattern.compile("class (\\w+)").matcher(block);
                assertThat(name.find()).isTrue();
                compile(folder, name.group(1), source);
            } else {
                source = IMPORTS + "\npublic class ReadmeBlock" + i + " {\n  public static void run() throws Exception {\n"
                        + block + "\n  }\n}\n";
                compile(folder, "ReadmeBlock" + i, source);
            }
        }
    }

    @Test
    void separationExampleRunsOnARealOverlay(@TempDir Path folder) throws Exception {
        FashionMnist data = FashionMnist.load();
        BufferedImage overlay = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        float[] first = new float[784];
        float[] second = new float[784];
        data.test().copyPixels(0, first, 0);
        data.test().copyPixels(1, second, 0);
        for (int p = 0; p < 784; p++) {
            overlay.getRaster().setSample(p % 28, p / 28, 0, Math.round((first[p] + second[p]) / 2 * 255));
        }
        Path image = folder.resolve("overlay.png");
        ImageIO.write(overlay, "png", image.toFile());

        String block = javaBlocks().stream().filter(b -> b.contains("Unstacker.load(\"fashion-mnist\")")).findFirst().orElseThrow();
        String body = block.replace("Path.of(\"overlay.png\")", "Path.of(\"" + image.toString().replace("\\", "\\\\") + "\")")
                .replace("double mismatch = separation.mixtureError();",
                        "double mismatch = separation.mixtureError(); RESULT.add(sources); RESULT.add(mismatch);");
        String source = IMPORTS + "\npublic class ReadmeSeparation {\n  public static final java.util.List<Object> RESULT = new java.util.ArrayList<>();\n"
                + "  public static void run() throws Exception {\n" + body + "\n  }\n}\n";
        compile(folder, "ReadmeSeparation", source);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> example = loader.loadClass("ReadmeSeparation");
            Method run = example.getMethod("run");
            run.invoke(null);
            @SuppressWarnings("unchecked")
            List<Object> result = (List<Object>) example.getField("RESULT").get(null);
            @SuppressWarnings("unchecked")
            List<BufferedImage> sources = (List<BufferedImage>) result.get(0);
            assertThat(sources).hasSize(2);
            assertThat(sources.get(0).getWidth()).isEqualTo(28);
            assertThat((Double) result.get(1)).isBetween(0.0, 0.05);
        }
        assertThat(new File(image.toString())).exists();
    }
}
