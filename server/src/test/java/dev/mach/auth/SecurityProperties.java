package dev.mach.auth;

import dev.mach.config.MachProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Mach's properties as the token classes read them: a data folder and the security settings. */
final class SecurityProperties {

  private SecurityProperties() {}

  static MachProperties of(Path dataDir, MachProperties.Security security) {
    return new MachProperties(
        dataDir,
        false,
        security,
        new MachProperties.Database(Duration.ofSeconds(5), Duration.ofSeconds(1)),
        new MachProperties.Batching(true, 500),
        new MachProperties.Http(DataSize.ofMegabytes(1), List.of("*")),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
