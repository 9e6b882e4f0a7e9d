package io.loadfleet.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** deploy/argocd/health.lua, run by a Lua interpreter against LoadProfile status fixtures. */
class ArgoCdHealthTest {
    static final Path SCRIPT = Path.of("..", "deploy", "argocd", "health.lua");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static String conditions(String ready, String progressing, String degraded) {
        return "conditions: [{type: Ready, status: \"%s\", message: \"epoch 3: 10000 msg/s over 3 pod(s)\"},"
                        .formatted(ready)
                + " {type: Progressing, status: \"%s\", message: m}, {type: Degraded, status: \"%s\", message: \"2 ready pod(s) did not answer\"}]"
                        .formatted(progressing, degraded);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no status yet                | 1 | -                                                                                    | Progressing | Waiting for the loadfleet operator
            a newer generation           | 2 | {observedGeneration: 1, phase: Running, COND_TTF}                                    | Progressing | not yet acted on generation 2
            paused                       | 1 | {observedGeneration: 1, phase: Paused, targetRate: 0, replicas: 3, readyReplicas: 3, COND_TTF} | Suspended | Paused
            invalid spec                 | 1 | {observedGeneration: 1, phase: Failed, conditions: [{type: Ready, status: "False", message: "spec.devices.count: 2 is less than replicas 3"}]} | Degraded | spec.devices.count: 2 is less than replicas 3
            pods not answering           | 1 | {observedGeneration: 1, phase: Running, targetRate: 10000, achievedRate: 3300.5, replicas: 3, readyReplicas: 3, COND_TFT} | Degraded | 2 ready pod(s) did not answer
            broker unreachable at start  | 1 | {observedGeneration: 1, phase: Pending, replicas: 2, readyReplicas: 0, conditions: [{type: Ready, status: "False", message: "waiting"}, {type: Progressing, status: "True", message: "waiting"}, {type: Degraded, status: "True", reason: SinkUnreachable, message: "pod(s) [0, 1] cannot reach the sink: no Kafka broker answered at kafka:9092 within 10.0 s"}]} | Degraded | no Kafka broker answered at kafka:9092
            not ready, not progressing   | 1 | {observedGeneration: 1, phase: Running, COND_FFF}                                    | Degraded | Not ready
            completed                    | 1 | {observedGeneration: 1, phase: Completed, COND_TFF}                                  | Healthy | Completed
            running at rate              | 1 | {observedGeneration: 1, phase: Running, targetRate: 10000, achievedRate: 9998.2, replicas: 3, readyReplicas: 3, COND_TFF} | Healthy | achieved 9998 of 10000 msg/s, 3/3 pods ready
            rescaling                    | 1 | {observedGeneration: 1, phase: Rescaling, replicas: 6, readyReplicas: 4, COND_FTF}   | Progressing | 4/6 pods ready
            pods starting                | 1 | {observedGeneration: 1, phase: Pending, replicas: 3, readyReplicas: 1, COND_FTF}     | Progressing | 1/3 pods ready
            verified clean               | 1 | {observedGeneration: 1, phase: Running, targetRate: 10000, achievedRate: 9998.2, replicas: 3, readyReplicas: 3, verify: {records: 90000, lost: 0, duplicates: 0}, COND_TFF} | Healthy | achieved 9998 of 10000
            records lost                 | 1 | {observedGeneration: 1, phase: Running, replicas: 3, readyReplicas: 3, verify: {records: 90000, lost: 3, duplicates: 0}, COND_TFF} | Degraded | 3 acknowledged record(s) lost
            records lost while paused    | 1 | {observedGeneration: 1, phase: Paused, replicas: 3, readyReplicas: 3, verify: {records: 90000, lost: 3, duplicates: 0}, COND_TFF} | Degraded | 3 acknowledged record(s) lost
            records duplicated           | 1 | {observedGeneration: 1, phase: Running, replicas: 3, readyReplicas: 3, verify: {records: 90000, lost: 0, duplicates: 2}, COND_TFF} | Degraded | 2 record(s) consumed more than once
            """)
    void healthFollowsTheStatus(String situation, long generation, String status, String expected, String messagePart)
            throws Exception {
        String statusYaml = status.replace("COND_TTF", conditions("True", "True", "False"))
                .replace("COND_TFT", conditions("True", "False", "True"))
                .replace("COND_FFF", conditions("False", "False", "False"))
                .replace("COND_TFF", conditions("True", "False", "False"))
                .replace("COND_FTF", conditions("False", "True", "False"));
        String yaml = "apiVersion: loadfleet.io/v1alpha1\nkind: LoadProfile\nmetadata: {name: grid, generation: "
                + generation + "}\n" + (status.equals("-") ? "" : "status: " + statusYaml + "\n");
        LuaValue health = run(YAML.readTree(yaml));
        assertEquals(expected, health.get("status").tojstring(), situation + ": " + health.get("message"));
        String message = health.get("message").tojstring();
        assertTrue(
                message.contains(messagePart),
                situation + ": message \"" + message + "\" names \"" + messagePart + "\"");
    }

    /** Runs the script as Argo CD does: the resource in the global {@code obj}, the result returned. */
    static LuaValue run(JsonNode resource) throws Exception {
        Globals lua = JsePlatform.standardGlobals();
        lua.set("obj", toLua(resource));
        return lua.load(Files.readString(SCRIPT), "health.lua").call();
    }

    static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable t = new LuaTable();
            node.fields().forEachRemaining(e -> t.set(e.getKey(), toLua(e.getValue())));
            return t;
        }
        if (node.isArray()) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                t.set(i + 1, toLua(node.get(i)));
            }
            return t;
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf(node.asLong());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }
}
