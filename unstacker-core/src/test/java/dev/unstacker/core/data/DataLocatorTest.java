package dev.unstacker.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @TempDir
    Path temp;

    private Path codeDirectory;
    private Path variableDirectory;
    private Path systemDirectory;

    @BeforeEach
    void createFolders() throws IOException {
        codeDirectory = Files.createDirectory(temp.resolve("code"));
        variableDirectory = Files.createDirectory(temp.resolve("variable"));
        systemDirectory = Files.createDirectory(temp.resolve("system"));
    }

    private DataLocator locator(Map<String, String> environment) {
        return new DataLocator(environment::get, systemDirectory);
    }

    private Map<String, String> variableSet() {
        return Map.of(DataLocator.ENVIRONMENT_VARIABLE, variableDirectory.toString());
    }

    @Nested
    class SearchOrder {

        @Test
        void directoryArgumentComesFirst() throws Exception {
            RealFiles.linkAll(codeDirectory);
            RealFiles.linkAll(variableDirectory);
            RealFiles.linkAll(systemDirectory);

            FashionMnist data = locator(variableSet()).load(Optional.of(codeDirectory));

            assertThat(data.source()).isEqualTo("directory argument " + codeDirectory);
            assertThat(data.train().size()).isEqualTo(FashionMnist.TRAIN_SIZE);
            assertThat(data.test().size()).isEqualTo(FashionMnist.TEST_SIZE);
        }

        @Test
        void environmentVariableComesSecond() throws Exception {
            RealFiles.linkAll(variableDirectory);
            RealFiles.linkAll(systemDirectory);

            FashionMnist data = locator(variableSet()).load(Optional.empty());

            assertThat(data.source()).isEqualTo("environment variable UNSTACKER_DATA " + variableDirectory);
        }

        @Test
        void systemDirectoryComesThird() throws Exception {
            RealFiles.linkAll(systemDirectory);

            FashionMnist data = locator(Map.of()).load(Optional.empty());

            assertThat(data.source()).isEqualTo("system directory " + systemDirectory);
        }

        @Test
        void incompleteDirectoryFallsThrough() throws Exception {
            RealFiles.linkTrain(codeDirectory);
            RealFiles.linkAll(variableDirectory);

            FashionMnist data = locator(variableSet()).load(Optional.of(codeDirectory));

            assertThat(data.source()).isEqualTo("environment variable UNSTACKER_DATA " + variableDirectory);
        }

        @Test
        void publicLoadReadsGivenDirectory() throws Exception {
            RealFiles.linkAll(codeDirectory);

            FashionMnist data = FashionMnist.load(codeDirectory);

            assertThat(data.source()).isEqualTo("directory argument " + codeDirectory);
        }
    }

    @Nested
    class NothingFound {

        @Test
        void messageListsEveryPlaceWithReason() throws Exception {
            RealFiles.linkTrain(codeDirectory);
            Path missing = temp.resolve("absent");
            Files.delete(systemDirectory);
            DataLocator locator = new DataLocator(Map.of(DataLocator.ENVIRONMENT_VARIABLE, missing.toString())::get,
                    systemDirectory);

            assertThatThrownBy(() -> locator.load(Optional.of(codeDirectory)))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("Fashion-MNIST not found. Places tried, in order:")
                    .hasMessageContaining("1. directory argument " + codeDirectory
                            + ": missing t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)")
                    .hasMessageContaining("2. environment variable UNSTACKER_DATA " + missing + ": no such directory")
                    .hasMessageContaining("3. system directory " + systemDirectory + ": no such directory")
                    .hasMessageContaining("4. DJL basicdataset download")
                    .hasMessageContaining("skipped because DJL runs offline");
        }

        @Test
        void messageNamesBothFixes() {
            assertThatThrownBy(() -> locator(Map.of()).load(Optional.empty()))
                    .hasMessageContaining("apt-get install dataset-fashion-mnist")
                    .hasMessageContaining("point UNSTACKER_DATA or the directory argument at a folder with "
                            + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                            + "t10k-labels-idx1-ubyte")
                    .hasMessageContaining("running online without DJL_OFFLINE=true");
        }

        @Test
        void unsetVariableAndMissingArgumentAreNamed() {
            assertThatThrownBy(() -> locator(Map.of()).load(Optional.empty()))
                    .hasMessageContaining("1. directory argument: none given")
                    .hasMessageContaining("2. environment variable UNSTACKER_DATA: not set")
                    .hasMessageContaining("3. system directory " + systemDirectory + ": missing "
                            + "train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), "
                            + "t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)");
        }

        @Test
        void emptyVariableIsNamed() {
            assertThatThrownBy(() -> locator(Map.of(DataLocator.ENVIRONMENT_VARIABLE, " ")).load(Optional.empty()))
                    .hasMessageContaining("2. environment variable UNSTACKER_DATA: set but empty");
        }

        @Test
        void fileInPlaceOfDirectoryIsNamed() throws Exception {
            Path file = Files.writeString(temp.resolve("file.txt"), "not a folder");

            assertThatThrownBy(() -> locator(Map.of()).load(Optional.of(file)))
                    .hasMessageContaining("1. directory argument " + file + ": not a directory");
        }
    }
}
