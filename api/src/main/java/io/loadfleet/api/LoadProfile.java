package io.loadfleet.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.LoadProfileStatus;

/**
 * A fleet of load generators publishing realistic records at an exact total rate.
 *
 * <p>The CRD in {@code crds/} is generated from this model by fabric8's crd-generator (see the api pom);
 * {@code CrdIsCurrentTest} fails when it is stale. The generator lists printer columns sorted by JSON path
 * (Age, Target, Achieved, Phase, Ready, Replicas, Lost), whatever the order of the annotations below.
 */
@Group(LoadProfile.GROUP)
@Version(LoadProfile.VERSION)
@Kind(LoadProfile.KIND)
@Plural(LoadProfile.PLURAL)
@ShortNames("lp")
@AdditionalPrinterColumn(
        name = "Target",
        jsonPath = ".spec.targetRate",
        type = Type.INTEGER,
        getDescription = "Requested messages per second for the whole fleet.")
@AdditionalPrinterColumn(
        name = "Achieved",
        jsonPath = ".status.achievedRate",
        type = Type.NUMBER,
        getDescription = "Acknowledged messages per second, summed over the fleet.")
@AdditionalPrinterColumn(
        name = "P99-ms",
        jsonPath = ".status.latency.publishMs.p99",
        type = Type.NUMBER,
        getDescription = "99th percentile publish latency (intended send time to ack) since the pods started, in ms.")
@AdditionalPrinterColumn(
        name = "Replicas",
        jsonPath = ".status.replicas",
        type = Type.INTEGER,
        getDescription = "Worker pods of the fleet.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.readyReplicas",
        type = Type.INTEGER,
        getDescription = "Worker pods that are ready.")
@AdditionalPrinterColumn(
        name = "Phase",
        jsonPath = ".status.phase",
        type = Type.STRING,
        getDescription = "Lifecycle of the fleet.")
@AdditionalPrinterColumn(
        name = "Lost",
        jsonPath = ".status.verify.lost",
        type = Type.INTEGER,
        priority = 1,
        getDescription = "Acknowledged records live verification (spec.verify) did not see within its grace period.")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = Type.DATE,
        getDescription = "Time since the LoadProfile was created.")
@ValidationRule(value = "has(self.spec)", fieldPath = ".spec", message = "spec: is required")
@ValidationRule(
        value = "!has(self.metadata.name) || (size(self.metadata.name) <= " + LoadProfile.MAX_NAME_LENGTH
                + " && self.metadata.name.matches('" + LoadProfile.NAME_PATTERN + "'))",
        message = "metadata.name: must be lower-case letters, digits and '-', start and end with a letter or digit, "
                + "at most " + LoadProfile.MAX_NAME_LENGTH + " characters",
        messageExpression = "'metadata.name: \"' + self.metadata.name + '\" must be lower-case letters, digits and"
                + " \\'-\\', start and end with a letter or digit, at most " + LoadProfile.MAX_NAME_LENGTH
                + " characters'")
@ValidationRule(
        value =
                "!has(self.metadata.name) || !has(self.spec) || !has(self.spec.verify) || (has(self.spec.verify.enabled)"
                        + " && !self.spec.verify.enabled) || size(self.metadata.name) <= "
                        + LoadProfile.MAX_VERIFIED_NAME_LENGTH,
        message = "metadata.name: is longer than " + LoadProfile.MAX_VERIFIED_NAME_LENGTH
                + " characters, too long with " + "spec.verify (its verifiers' StatefulSet is NAME-verify): shorten it")
public class LoadProfile extends CustomResource<LoadProfileSpec, LoadProfileStatus> implements Namespaced {
    public static final String GROUP = "loadfleet.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "LoadProfile";
    public static final String PLURAL = "loadprofiles";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** A LoadProfile's name is a DNS label: it names the StatefulSet, its pods and Service. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** StatefulSet pod names get a controller-revision-hash label; longer set names break it. */
    public static final int MAX_NAME_LENGTH = 52;
    /** With spec.verify the verifiers' StatefulSet is NAME-verify ("-verify": 7), which must fit the same 52. */
    public static final int MAX_VERIFIED_NAME_LENGTH = MAX_NAME_LENGTH - 7;

    // Overridden only to document spec and status in the CRD (kubectl explain loadprofile.spec).
    @Override
    @JsonPropertyDescription("What the fleet sends, where, and how fast.")
    public LoadProfileSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed of the fleet; written by the operator only.")
    public LoadProfileStatus getStatus() {
        return super.getStatus();
    }
}
