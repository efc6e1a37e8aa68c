package io.usagebridge.bench.minimal;

import org.apache.camel.builder.RouteBuilder;

/** The whole reference app: a timer that logs once a second. */
public class TimerToLogRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:tick?period=1000").routeId("timer-to-log")
                .log("tick ${header.CamelTimerCounter}");
    }
}
