package io.baifang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * 百访: outreach and booking for a savings bank's branch network.
 * Each direct sub-package is a module named after a business capability (see ARCHITECTURE.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BaifangApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaifangApplication.class, args);
    }
}
