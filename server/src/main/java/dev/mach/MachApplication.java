package dev.mach;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MachApplication {

  public static void main(String[] args) {
    SpringApplication.run(MachApplication.class, args);
  }
}
