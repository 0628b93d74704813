package dev.mach.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows {@code wrk-row} appends to a run's measurements, with and without a round. */
class BenchCliTest {

  private static final String OLD_HEADER =
      "config\ttool\tendpoint\toffered\trequests\tok\tko\trps\tp50_ms\tp95_ms\tp99_ms\tmax_ms";

  @Test
  void aWrkRowCarriesItsRoundAndARowWithoutOneADash(@TempDir Path dir) throws Exception {
    Path wrk = fixture(dir);
    Path out = dir.resolve("measurements.tsv");

    wrkRow(wrk, out, "all-on", "--round", "3");
    wrkRow(wrk, out, "ceiling");

    assertThat(Files.readAllLines(out))
        .containsExactly(
            OLD_HEADER + "\tround",
            "all-on\twrk\ttags\t8\t4590\t4590\t0\t1480.77\t3.05\tNaN\t13.38\tNaN\t3",
            "ceiling\twrk\ttags\t8\t4590\t4590\t0\t1480.77\t3.05\tNaN\t13.38\tNaN\t-");
  }

  @Test
  void aRunBegunWithoutRoundsGetsTheColumnBeforeANewRow(@TempDir Path dir) throws Exception {
    Path wrk = fixture(dir);
    Path out = dir.resolve("measurements.tsv");
    String old = "all-on\tgatling\tread\t25\t500\t500\t0\t25.00\t3.00\t5.00\t9.00\t20.00";
    Files.write(out, List.of(OLD_HEADER, old));

    wrkRow(wrk, out, "no-rate-limit", "--round", "1");

    assertThat(Files.readAllLines(out))
        .containsExactly(
            OLD_HEADER + "\tround",
            old + "\t-",
            "no-rate-limit\twrk\ttags\t8\t4590\t4590\t0\t1480.77\t3.05\tNaN\t13.38\tNaN\t1");
  }

  @Test
  void aRoundMustBeAWholeNumber(@TempDir Path dir) throws IOException {
    Path wrk = fixture(dir);
    Path out = dir.resolve("measurements.tsv");

    assertThatThrownBy(() -> wrkRow(wrk, out, "all-on", "--round", "first"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--round takes a whole number");
    assertThat(out).doesNotExist();
  }

  private static void wrkRow(Path wrk, Path out, String config, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "wrk-row",
                "--config",
                config,
                "--tool",
                "wrk",
                "--endpoint",
                "tags",
                "--concurrency",
                "8",
                "--file",
                wrk.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    BenchCli.main(args.toArray(String[]::new));
  }

  /** A real wrk run (see WrkResultTest), copied where the command can read it as a file. */
  private static Path fixture(Path dir) throws IOException {
    Path file = dir.resolve("wrk.txt");
    try (InputStream in =
        Objects.requireNonNull(
            BenchCliTest.class.getResourceAsStream("/wrk/python-tags-c8.txt"),
            "wrk/python-tags-c8.txt")) {
      Files.copy(in, file);
    }
    return file;
  }
}
