package io.loadfleet.operator;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The operator's packages, top to bottom: the process; the reconciler; the status it writes; the
 * fleet coordination and the dependents it drives; the settings. Each knows only those below it.
 */
@AnalyzeClasses(packages = "io.loadfleet.operator", importOptions = ImportOption.DoNotIncludeTests.class)
class OperatorLayersTest {

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("io.loadfleet.operator.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("process")
            .definedBy("io.loadfleet.operator")
            .layer("reconcile")
            .definedBy("io.loadfleet.operator.reconcile..")
            .layer("status")
            .definedBy("io.loadfleet.operator.status..")
            .layer("verify")
            .definedBy("io.loadfleet.operator.verify..")
            .layer("coordinate")
            .definedBy("io.loadfleet.operator.coordinate..")
            .layer("dependent")
            .definedBy("io.loadfleet.operator.dependent..")
            .layer("config")
            .definedBy("io.loadfleet.operator.config..")
            .whereLayer("process")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("reconcile")
            .mayOnlyBeAccessedByLayers("process")
            .whereLayer("status")
            .mayOnlyBeAccessedByLayers("reconcile")
            .whereLayer("verify")
            .mayOnlyBeAccessedByLayers("process", "reconcile", "status")
            .whereLayer("coordinate")
            .mayOnlyBeAccessedByLayers("process", "reconcile", "status", "verify")
            .whereLayer("dependent")
            .mayOnlyBeAccessedByLayers("reconcile", "status")
            .whereLayer("config")
            .mayOnlyBeAccessedByLayers("process", "reconcile");

    @ArchTest
    static final ArchRule coordinationKnowsNoKubernetesClient =
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                    .that()
                    .resideInAPackage("io.loadfleet.operator.coordinate..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.fabric8.kubernetes.client..", "io.javaoperatorsdk..")
                    .because(
                            "deciding what the pods are told is plain Java over what they said, testable without a cluster");
}
