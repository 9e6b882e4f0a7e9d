package io.loadfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.validation.ProfileValidator;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.operator.OperatorSettings;
import io.loadfleet.operator.dependent.DesiredFleet;
import io.loadfleet.operator.dependent.FleetNames;
import io.loadfleet.operator.dependent.WorkerConfigMap;
import io.loadfleet.operator.dependent.WorkerHeadlessService;
import io.loadfleet.operator.dependent.WorkerNetworkPolicy;
import io.loadfleet.operator.dependent.WorkerStatefulSet;
import io.loadfleet.operator.fleet.FleetCoordinator;
import io.loadfleet.operator.fleet.WorkerClient.WorkerAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LoadProfile → fleet, in the order observe, validate, plan, dependents, coordinate workers,
 * status. An invalid spec becomes a status condition and touches nothing it already runs.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "config", type = WorkerConfigMap.class),
    @Dependent(name = "service", type = WorkerHeadlessService.class),
    @Dependent(name = "network-policy", type = WorkerNetworkPolicy.class),
    @Dependent(name = "statefulset", type = WorkerStatefulSet.class, dependsOn = {"config", "service"})
})
public class LoadProfileReconciler implements Reconciler<LoadProfile> {
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration POLL_WHILE_CHANGING = Duration.ofMillis(500);

    private final OperatorSettings settings;
    private final FleetCoordinator coordinator;
    private final FleetEvents events;

    public LoadProfileReconciler(OperatorSettings settings, FleetCoordinator coordinator, FleetEvents events) {
        this.settings = settings;
        this.coordinator = coordinator;
        this.events = events;
    }

    @Override
    public List<EventSource<?, LoadProfile>> prepareEventSources(EventSourceContext<LoadProfile> context) {
        // Pods belong to the StatefulSet, not to the LoadProfile: map them back by their profile label.
        var pods = InformerEventSourceConfiguration.from(Pod.class, LoadProfile.class)
                .withLabelSelector(FleetNames.PROFILE_LABEL)
                .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                        pod.getMetadata().getLabels().get(FleetNames.PROFILE_LABEL), pod.getMetadata().getNamespace())))
                .build();
        return List.of(new InformerEventSource<>(pods, context));
    }

    @Override
    public UpdateControl<LoadProfile> reconcile(LoadProfile profile, Context<LoadProfile> context) {
        LoadProfileStatus before = profile.getStatus() == null ? new LoadProfileStatus() : profile.getStatus();
        List<Problem> problems = ProfileValidator.validateForCluster(profile);
        boolean specValid = problems.isEmpty();
        WorkerConfig workerConfig = specValid ? ReferencedSchema.resolve(profile, context.getClient(), problems) : null;
        if (!problems.isEmpty()) {
            String message = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            if (!message.equals(StatusWriter.readyMessage(before))) {
                events.warning(profile, "InvalidSpec", message);
            }
            profile.setStatus(StatusWriter.invalid(profile, before, message));
            // an edit of the spec brings the next pass; a ConfigMap it reads is polled until it is fixed
            return specValid ? UpdateControl.patchStatus(profile).rescheduleAfter(POLL) : UpdateControl.patchStatus(profile);
        }

        int replicas = FleetPlan.replicasFor(profile.getSpec());
        long startMillis = before.getStartTime() == null ? System.currentTimeMillis()
                : Instant.parse(before.getStartTime()).toEpochMilli();
        var applied = new FleetCoordinator.Applied(before.getEpoch() == null ? 0 : before.getEpoch(),
                before.getPlanHash(), before.getReplicas() == null ? 0 : before.getReplicas(), startMillis,
                before.getEpochStartTime() == null ? null : Instant.parse(before.getEpochStartTime()).toEpochMilli());
        // Make before break: keep the pods of the running epoch until the smaller plan has taken over.
        new DesiredFleet(Math.max(replicas, applied.epoch() == 0 ? 0 : applied.replicas()), settings.workerImage(),
                settings.controlPort(), settings.operatorNamespace(), settings.logFormat(), workerConfig).putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

        coordinator.retainOnly(context.getPrimaryCache().list().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        List<FleetCoordinator.Pod> pods = context.getSecondaryResources(Pod.class).stream()
                .map(this::toFleetPod).flatMap(Optional::stream).toList();
        FleetCoordinator.Result result = coordinator.coordinate(profile.getMetadata().getUid(), profile.getSpec(),
                replicas, applied, pods, System.nanoTime());
        if (result.newEpoch()) {
            events.normal(profile, "EpochApplied", "epoch " + result.applied().epoch() + ": "
                    + profile.getSpec().getTargetRate() + " msg/s over " + replicas + " pod(s)");
        }
        LoadProfileStatus status = StatusWriter.observed(profile, before, replicas, result);
        if (StatusWriter.degraded(before).isEmpty()) {
            StatusWriter.degraded(status).ifPresent(c -> events.warning(profile, "Degraded", c.getMessage()));
        }
        Duration next = result.waiting() ? POLL_WHILE_CHANGING : POLL;
        profile.setStatus(status);
        return UpdateControl.patchStatus(profile).rescheduleAfter(next);
    }

    private Optional<FleetCoordinator.Pod> toFleetPod(Pod pod) {
        String name = pod.getMetadata().getName();
        int dash = name.lastIndexOf('-');
        if (dash < 0 || pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        int ordinal;
        try {
            ordinal = Integer.parseInt(name.substring(dash + 1));
        } catch (NumberFormatException notAFleetPod) {
            return Optional.empty();
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        boolean ready = ip != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return Optional.of(new FleetCoordinator.Pod(ordinal,
                ip == null ? null : new WorkerAddress(ip, settings.controlPort()), ready));
    }
}
