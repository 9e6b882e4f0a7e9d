package io.loadfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.validation.ProfileValidator;
import io.loadfleet.operator.config.OperatorSettings;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import io.loadfleet.operator.coordinate.DesiredPlan;
import io.loadfleet.operator.coordinate.FleetCoordinator;
import io.loadfleet.operator.coordinate.FleetPod;
import io.loadfleet.operator.coordinate.FleetReport;
import io.loadfleet.operator.coordinate.WorkerClient;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import io.loadfleet.operator.dependent.ClaimTemplatesReplaced;
import io.loadfleet.operator.dependent.DesiredFleet;
import io.loadfleet.operator.dependent.FleetNames;
import io.loadfleet.operator.dependent.VerifierNetworkPolicy;
import io.loadfleet.operator.dependent.VerifierStatefulSet;
import io.loadfleet.operator.dependent.VerifyEnabled;
import io.loadfleet.operator.dependent.WorkerConfigMap;
import io.loadfleet.operator.dependent.WorkerHeadlessService;
import io.loadfleet.operator.dependent.WorkerNetworkPolicy;
import io.loadfleet.operator.dependent.WorkerStatefulSet;
import io.loadfleet.operator.status.AppliedEpochStatus;
import io.loadfleet.operator.status.HeldBackChange;
import io.loadfleet.operator.status.StatusBuilder;
import io.loadfleet.operator.verify.LiveVerification;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LoadProfile → fleet, in the order observe, validate, plan, dependents, coordinate workers,
 * status. An invalid spec becomes a status condition and touches nothing it already runs.
 */
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "config", type = WorkerConfigMap.class),
            @Dependent(name = "service", type = WorkerHeadlessService.class),
            @Dependent(name = "network-policy", type = WorkerNetworkPolicy.class),
            @Dependent(
                    name = "statefulset",
                    type = WorkerStatefulSet.class,
                    dependsOn = {"config", "service"}),
            @Dependent(
                    name = "verifier-network-policy",
                    type = VerifierNetworkPolicy.class,
                    reconcilePrecondition = VerifyEnabled.class),
            @Dependent(
                    name = "verifiers",
                    type = VerifierStatefulSet.class,
                    dependsOn = {"config", "service"},
                    reconcilePrecondition = VerifyEnabled.class)
        })
public class LoadProfileReconciler implements Reconciler<LoadProfile> {
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration POLL_WHILE_CHANGING = Duration.ofMillis(500);

    private final OperatorSettings settings;
    private final FleetCoordinator coordinator;
    private final FleetEvents events;
    private final SchemaGate schemaGate;
    private final LiveVerification verification;

    public LoadProfileReconciler(
            OperatorSettings settings,
            FleetCoordinator coordinator,
            FleetEvents events,
            WorkerClient workers,
            LiveVerification verification) {
        this.settings = settings;
        this.coordinator = coordinator;
        this.events = events;
        this.schemaGate = new SchemaGate(workers);
        this.verification = verification;
    }

    @Override
    public List<EventSource<?, LoadProfile>> prepareEventSources(EventSourceContext<LoadProfile> context) {
        // Pods belong to the StatefulSets, not to the LoadProfile: map them back by their profile label
        // (workers) or verifier label (verifiers).
        var pods = InformerEventSourceConfiguration.from(Pod.class, LoadProfile.class)
                .withLabelSelector(FleetNames.MANAGED_BY_LABEL + "=" + FleetNames.MANAGED_BY)
                .withSecondaryToPrimaryMapper(pod -> FleetNames.profileOf(pod)
                        .map(name ->
                                Set.of(new ResourceID(name, pod.getMetadata().getNamespace())))
                        .orElse(Set.of()))
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
            if (!message.equals(StatusBuilder.readyMessage(before))) {
                events.warning(profile, "InvalidSpec", message);
            }
            patchStatusIfChanged(profile, before, StatusBuilder.invalid(profile, before, message), context);
            // an edit of the spec brings the next pass; a ConfigMap it reads is polled until it is fixed
            return specValid ? UpdateControl.<LoadProfile>noUpdate().rescheduleAfter(POLL) : UpdateControl.noUpdate();
        }

        AppliedEpoch applied = AppliedEpochStatus.read(before, System.currentTimeMillis());
        int wanted = FleetPlan.replicasFor(profile.getSpec());
        Optional<HeldBackChange> countHold = CountHold.of(profile.getSpec(), applied, wanted);
        int replicas = countHold.isPresent() ? applied.replicas() : wanted;
        List<Pod> allPods = List.copyOf(context.getSecondaryResources(Pod.class));
        List<FleetPod> pods = fleetPods(allPods, FleetNames.PROFILE_LABEL);
        Optional<LiveVerification.Prepared> verifying = Optional.empty();
        if (profile.getSpec().verifying()) {
            verifying = Optional.of(verification.prepare(profile, fleetPods(allPods, FleetNames.VERIFIER_LABEL)));
        } else {
            verification.forget(profile);
        }
        SchemaGate.Verdict schema =
                schemaGate.admit(profile.getMetadata().getUid(), workerConfig, WorkerConfigMap.deployed(context), pods);
        // Make before break: keep the pods of the running epoch until the smaller plan has taken over.
        new DesiredFleet(
                        Math.max(replicas, applied.started() ? applied.replicas() : 0),
                        settings.workerImage(),
                        settings.controlPort(),
                        settings.operatorNamespace(),
                        settings.logFormat(),
                        schema.deploy(),
                        verifying.map(LiveVerification.Prepared::replicas).orElse(0))
                .putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        ClaimTemplatesReplaced.of(context)
                .ifPresent(replaced -> events.warning(profile, "VolumeClaimTemplatesChanged", replaced.message()));

        Set<String> fleetIds = context.getPrimaryCache()
                .list()
                .map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());
        coordinator.retainOnly(fleetIds);
        verification.retainOnly(fleetIds);
        DesiredPlan desired = DesiredPlan.of(
                profile.getSpec(),
                replicas,
                verifying.map(LiveVerification.Prepared::planToken).orElse(null));
        FleetReport report =
                coordinator.coordinate(profile.getMetadata().getUid(), desired, applied, pods, System.nanoTime());
        if (report.newEpoch()) {
            events.normal(
                    profile,
                    "EpochApplied",
                    "epoch " + report.applied().epoch() + ": "
                            + profile.getSpec().getTargetRate() + " msg/s over " + replicas + " pod(s)");
        }
        Optional<LiveVerification.Findings> verified = verifying.map(v -> verification.conclude(
                profile,
                report.applied().epoch(),
                desired.fingerprint().equals(report.applied().planHash()) ? v.planToken() : null,
                report.observation().answering().values()));
        LoadProfileStatus status = StatusBuilder.observed(
                profile, before, replicas, report, schema.heldBack().or(() -> countHold), verified);
        // an Event for every new cause: when the fleet turns Degraded, and when the cause changes while it is
        Optional<String> wasDegradedBy = StatusBuilder.degraded(before).map(Condition::getReason);
        StatusBuilder.degraded(status)
                .filter(c -> !wasDegradedBy.equals(Optional.of(c.getReason())))
                .ifPresent(c -> events.warning(profile, "Degraded", c.getReason() + ": " + c.getMessage()));
        patchStatusIfChanged(profile, before, status, context);
        return UpdateControl.<LoadProfile>noUpdate().rescheduleAfter(report.waiting() ? POLL_WHILE_CHANGING : POLL);
    }

    /**
     * A pass whose dependents or status write failed (a StatefulSet refused by admission, a missing
     * permission): the status says so with the API server's message, and JOSDK retries with backoff.
     */
    @Override
    public ErrorStatusUpdateControl<LoadProfile> updateErrorStatus(
            LoadProfile profile, Context<LoadProfile> context, Exception e) {
        LoadProfileStatus before = profile.getStatus() == null ? new LoadProfileStatus() : profile.getStatus();
        String message = ReconcileFailure.describe(e);
        LoadProfileStatus status = StatusBuilder.reconcileFailed(profile, before, message);
        if (status.equals(before)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        events.warning(profile, StatusBuilder.RECONCILE_FAILED, message);
        profile.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(profile);
    }

    /**
     * Writes the status unless it is what the LoadProfile already shows (a paused or completed fleet
     * changes nothing), and caches what was written so the next pass starts from it even when the
     * informer has not caught up (the pass would otherwise push the same plan under another epoch).
     */
    private static void patchStatusIfChanged(
            LoadProfile profile, LoadProfileStatus before, LoadProfileStatus status, Context<LoadProfile> context) {
        if (status.equals(before)) {
            return;
        }
        if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            LoadProfile fresh = new LoadProfile();
            fresh.setMetadata(new ObjectMetaBuilder()
                    .withName(profile.getMetadata().getName())
                    .withNamespace(profile.getMetadata().getNamespace())
                    .build());
            fresh.setStatus(status);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(profile, fresh, context);
        } else { // fabric8's mock API server, which has no server-side apply
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(profile, context, p -> {
                p.setStatus(status);
                return p;
            });
        }
    }

    /** The pods labelled {@code label} (workers or verifiers) as fleet pods, by ordinal. */
    private List<FleetPod> fleetPods(List<Pod> pods, String label) {
        return pods.stream()
                .filter(p -> p.getMetadata().getLabels().containsKey(label))
                .map(this::toFleetPod)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<FleetPod> toFleetPod(Pod pod) {
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
        boolean ready = ip != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return Optional.of(
                new FleetPod(ordinal, ip == null ? null : new WorkerAddress(ip, settings.controlPort()), ready));
    }
}
