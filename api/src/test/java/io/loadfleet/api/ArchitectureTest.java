package io.loadfleet.api;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The api's packages form layers, each depending only on those below it:
 * <pre>
 *   read        ProfileLoader: a file to a valid LoadProfile        -> validation, LoadProfile, problem
 *   validation  the checks of a profile's meaning                   -> LoadProfile, spec, plan, schema, problem
 *   control     the operator-worker protocol                        -> LoadProfile, spec, plan
 *   schema      a user's Avro schema and its rules                  -> spec, problem
 *   plan        how a spec is split over pods                       -> spec
 *   LoadProfile the custom resource (package io.loadfleet.api)      -> spec, status
 *   spec, status, problem                                           -> nothing else in api
 * </pre>
 * so nothing in api depends on read, and only read on validation. A compile-time constant is copied into the
 * class that uses it and leaves no dependency in the class files, so these rules cannot see one: the bounds the
 * spec's annotations use live in spec ({@link io.loadfleet.api.spec.Limits}) for that reason.
 */
@AnalyzeClasses(packages = "io.loadfleet.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("io.loadfleet.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("read")
            .definedBy("io.loadfleet.api.read..")
            .layer("validation")
            .definedBy("io.loadfleet.api.validation..")
            .layer("control")
            .definedBy("io.loadfleet.api.control..")
            .layer("schema")
            .definedBy("io.loadfleet.api.schema..")
            .layer("plan")
            .definedBy("io.loadfleet.api.plan..")
            .layer("resource")
            .definedBy("io.loadfleet.api")
            .layer("spec")
            .definedBy("io.loadfleet.api.spec..")
            .layer("status")
            .definedBy("io.loadfleet.api.status..")
            .layer("problem")
            .definedBy("io.loadfleet.api.problem..")
            .whereLayer("read")
            .mayOnlyAccessLayers("validation", "resource", "problem")
            .whereLayer("validation")
            .mayOnlyAccessLayers("resource", "spec", "plan", "schema", "problem")
            .whereLayer("control")
            .mayOnlyAccessLayers("resource", "spec", "plan")
            .whereLayer("schema")
            .mayOnlyAccessLayers("spec", "problem")
            .whereLayer("plan")
            .mayOnlyAccessLayers("spec")
            .whereLayer("resource")
            .mayOnlyAccessLayers("spec", "status")
            .whereLayer("spec")
            .mayNotAccessAnyLayer()
            .whereLayer("status")
            .mayNotAccessAnyLayer()
            .whereLayer("problem")
            .mayNotAccessAnyLayer();
}
