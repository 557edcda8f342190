package com.example.docs.jlinkdemo;

import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.HandlerException;

/** What docs/jlink-demo.md's fragments take as given (the demo's payloads), and their imports. */
abstract class JlinkDemoContext {
    record SleepInput(Long millis, String fail) {}

    record SleepResult(long sleptMillis) {}
}
