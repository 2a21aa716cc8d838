package dev.unstacker.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.EpochResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

    @TempDir Path folder;

    static final List<EpochResult> HISTORY = List.of(
            new EpochResult(1, 65, 0.1234, 0.0987, 17.5, 812.4),
            new EpochResult(2, 130, 0.0811, 0.0702, 19.25, 830.0));

    static ReportContent.Builder finished() {
        ClassPairTable table = ClassPairHeatMap.tabulate(
                new int[] {0, 0, 1}, new int[] {0, 1, 1}, new float[] {14, 22, 18}, 2);
        return ReportContent.builder()
                .setTitle("Fashion-MNIST, 2 sources")
                .setEpochsPlanned(40)
                .setHistory(HISTORY)
                .optTestMetrics(0.0654, 20.125, 0.8123)
                .optBaseline(0.2101, 11.5)
                .optDevice("cpu()")
                .optParameters(1_234_567)
                .optTrainSamplesPerSecond(830.4)
                .optBestEpoch(2)
                .optClassPairs(table, List.of("Shirt", "<script>alert(1)</script>"));
    }

    String writeAndRead(ReportContent content) throws IOException {
        Path html = folder.resolve("index.html");
        ReportPage.write(html, content);
        return Files.readString(html);
    }

    @Nested
    class Metrics {

        @Test
        void finishedRunShowsEveryMetric() throws IOException {
            String page = writeAndRead(finished().build());

            assertThat(page).contains("<td>0.0654</td>");
            assertThat(page).contains("<td>20.13 dB</td>");
            assertThat(page).contains("<td>0.8123</td>");
            assertThat(page).contains("<td>0.2101</td>");
            assertThat(page).contains("<td>11.50 dB</td>");
            assertThat(page).contains("<td>cpu()</td>");
            assertThat(page).contains("<td>1,234,567</td>");
            assertThat(page).contains("<td>830</td>");
            assertThat(page).contains("<tr class=\"best\"><td>2</td>");
            assertThat(page).contains("epoch 2 of 40 · elapsed 0:02:10");
            assertThat(page).contains("<span class=\"finished\">finished</span>");
        }

        @Test
        void runningPageShowsDashesAndRefreshes() throws IOException {
            ReportContent content = ReportContent.builder()
                    .setTitle("run")
                    .setEpochsPlanned(40)
                    .setHistory(HISTORY.subList(0, 1))
                    .optRunning(true)
                    .build();

            String page = writeAndRead(content);

            assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"30\">");
            assertThat(page).contains("<tr><td class=\"name\">test PIT-MAE</td><td>—</td></tr>");
            assertThat(page).contains("<tr><td class=\"name\">best epoch</td><td>—</td></tr>");
            assertThat(page).contains("epoch 1 of 40 · elapsed 0:01:05 · about 0:42:15 left");
            assertThat(page).doesNotContain("Class pairs");
        }

        @Test
        void finishedPageDoesNotRefresh() throws IOException {
            String page = writeAndRead(finished().build());

            assertThat(page).doesNotContain("http-equiv");
        }

        @Test
        void historyRowsAreFormatted() throws IOException {
            String page = writeAndRead(finished().build());

            assertThat(page).contains("<td>1</td><td>0:01:05</td><td>0.1234</td><td>0.0987</td>"
                    + "<td>17.50 dB</td><td>812</td>");
        }
    }

    @Nested
    class Images {

        @Test
        void onlyExistingImagesAreLinked() throws IOException {
            Files.writeString(folder.resolve(ReportPage.LOSS_CURVE), "png");
            Files.writeString(folder.resolve(ReportPage.CLASS_PAIR_PSNR), "png");

            String page = writeAndRead(finished().build());

            assertThat(page).containsPattern("<img src=\"loss-curve\\.png\\?v=\\d+\"");
            assertThat(page).containsPattern("<img src=\"class-pair-psnr\\.png\\?v=\\d+\"");
            assertThat(page).doesNotContain("separations.png");
        }

        @Test
        void noImagesGiveNoFigures() throws IOException {
            String page = writeAndRead(finished().build());

            assertThat(page).doesNotContain("<img");
        }
    }

    @Nested
    class ClassPairs {

        @Test
        void summaryShowsMeansAndHardestPairs() throws IOException {
            String page = writeAndRead(finished().build());

            assertThat(page).contains("same-class mean PSNR</td><td>16.00 dB</td>");
            assertThat(page).contains("different-class mean PSNR</td><td>22.00 dB</td>");
            assertThat(page).contains("hardest: Shirt + Shirt (1 mixture)</td><td>14.00 dB</td>");
        }

        @Test
        void classNamesAreEscaped() throws IOException {
            String page = writeAndRead(finished().setTitle("a & <b>").build());

            assertThat(page).doesNotContain("<script>");
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(page).contains("<h1>a &amp; &lt;b&gt;</h1>");
        }
    }

    @Nested
    class Builder {

        @Test
        void missingTitleIsRejected() {
            assertThatThrownBy(() -> ReportContent.builder().setEpochsPlanned(3).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Report content needs a title and planned epochs. Call setTitle and"
                            + " setEpochsPlanned before build.");
        }

        @Test
        void zeroPlannedEpochsIsRejected() {
            assertThatThrownBy(() -> ReportContent.builder().setEpochsPlanned(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Planned epochs must be at least 1, got 0.");
        }
    }

    @Nested
    class AtomicReplace {

        @Test
        void rewriteLeavesOnlyPage() throws IOException {
            writeAndRead(finished().optRunning(true).build());
            String page = writeAndRead(finished().build());

            assertThat(page).contains("finished");
            assertThat(LossCurveChartTest.folderContents(folder))
                    .containsExactly(folder.resolve("index.html"));
        }
    }
}
