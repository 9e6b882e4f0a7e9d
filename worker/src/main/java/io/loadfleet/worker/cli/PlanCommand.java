package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.plan.StagePlan;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.validation.ProfileValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loadfleet plan}: how a profile splits into shards. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Show how a LoadProfile splits into shards: per-shard rate and device range.")
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "PROFILE", description = "LoadProfile YAML or JSON file")
    Path profileFile;

    @Option(names = "--replicas", paramLabel = "N", description = "Plan for N shards instead of the profile's replicas")
    Integer replicas;

    @Option(names = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        LoadProfile profile = ProfileArgument.load(profileFile, err);
        if (profile == null) {
            return CommandLine.ExitCode.USAGE;
        }
        if (replicas != null) {
            profile.getSpec().setReplicas(replicas);
            var problems = ProfileValidator.validate(profile.getSpec());
            if (!problems.isEmpty()) {
                ProfileArgument.report("with --replicas " + replicas + ":", problems, err);
                return CommandLine.ExitCode.USAGE;
            }
        }
        FleetPlan plan = FleetPlan.of(profile.getSpec(), null);
        if (json) {
            out.println(ProfileLoader.json()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(asJson(profile, plan)));
        } else {
            printTable(profile, plan, out);
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static Map<String, Object> asJson(LoadProfile profile, FleetPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", profile.getMetadata().getName());
        m.put("targetRate", plan.targetRate());
        m.put("replicas", plan.replicas());
        m.put(
                "shards",
                plan.shards().stream()
                        .map(s -> {
                            Map<String, Object> shard = new LinkedHashMap<>();
                            shard.put("index", s.index());
                            shard.put("rate", s.rate());
                            shard.put("deviceStart", s.deviceStart());
                            shard.put("deviceEnd", s.deviceEnd());
                            shard.put(
                                    "stages",
                                    s.stages().stream()
                                            .map(st -> Map.of(
                                                    "duration",
                                                    Durations.format(st.duration()),
                                                    "targetRate",
                                                    st.rate()))
                                            .toList());
                            return shard;
                        })
                        .toList());
        return m;
    }

    private static void printTable(LoadProfile profile, FleetPlan plan, PrintWriter out) {
        out.printf(
                "%s: %d msg/s over %d shard(s); device ranges are [start, end)%n",
                profile.getMetadata().getName(), plan.targetRate(), plan.replicas());
        boolean stages = !profile.getSpec().getStages().isEmpty();
        out.printf(
                "%6s %12s %14s %14s %10s%s%n",
                "SHARD", "RATE", "DEVICE_START", "DEVICE_END", "DEVICES", stages ? "  STAGES" : "");
        for (ShardPlan s : plan.shards()) {
            out.printf(
                    "%6d %12d %14d %14d %10d%s%n",
                    s.index(),
                    s.rate(),
                    s.deviceStart(),
                    s.deviceEnd(),
                    s.deviceCount(),
                    stages ? "  " + describe(s.stages()) : "");
        }
    }

    private static String describe(List<StagePlan> stages) {
        return stages.stream()
                .map(st -> Durations.format(st.duration()) + "→" + st.rate())
                .collect(Collectors.joining(", "));
    }
}
