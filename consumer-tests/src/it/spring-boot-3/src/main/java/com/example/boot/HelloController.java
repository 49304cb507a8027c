package com.example.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HelloController {

  private static final Logger log = LoggerFactory.getLogger(HelloController.class);
  private static final Logger quiet = LoggerFactory.getLogger(Quiet.class);

  @GetMapping("/hello")
  public String hello() {
    quiet.info("quiet line below logging.level");
    log.info("hello from the controller");
    return "hello";
  }
}
