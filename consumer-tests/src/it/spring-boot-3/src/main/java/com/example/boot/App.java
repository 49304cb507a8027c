package com.example.boot;

import io.github.lgtmbootstrap.core.Lgtm;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class App {

  public static void main(String[] args) {
    Lgtm.init(); // first thing, before Spring (re)configures logback
    SpringApplication.run(App.class, args);
  }
}
