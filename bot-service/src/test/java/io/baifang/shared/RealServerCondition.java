package io.baifang.shared;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

class RealServerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresServer required = context.getTestClass()
                .map(type -> AnnotatedElementUtils.findMergedAnnotation(type, RequiresServer.class))
                .orElse(null);
        if (required == null) {
            return ConditionEvaluationResult.enabled("no real server required");
        }
        List<String> unreachable = new ArrayList<>();
        for (RealServer server : required.value()) {
            if (!reachable(server)) {
                unreachable.add(server + " at " + server.host() + ":" + server.port());
            }
        }
        if (unreachable.isEmpty()) {
            return ConditionEvaluationResult.enabled("real servers reachable");
        }
        String reason = "unreachable: " + String.join(", ", unreachable);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new ExtensionConfigurationException(
                    "CI=true and a real-server test cannot run (" + reason + "); start them with scripts/services.sh start");
        }
        System.out.println("[skipped] " + context.getDisplayName() + ": " + reason
                + " (start them with scripts/services.sh start)");
        return ConditionEvaluationResult.disabled(reason);
    }

    private static boolean reachable(RealServer server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
