package io.loadfleet.worker;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The worker's packages form layers, from the command line down: a package may use those below it,
 * never one above, and no two packages use each other.
 */
@AnalyzeClasses(packages = "io.loadfleet.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkerArchitectureTest {

    /** Every package is its own slice, sub-packages too: generate.dataset and generate, sink.file and sink. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.loadfleet.worker.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreLayered = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("cli")
            .definedBy("io.loadfleet.worker.cli..")
            .layer("pod")
            .definedBy("io.loadfleet.worker.control..")
            .layer("verify")
            .definedBy("io.loadfleet.worker.verify..")
            .layer("pod api")
            .definedBy("io.loadfleet.worker.http..")
            .layer("engine")
            .definedBy("io.loadfleet.worker.engine..")
            .layer("report")
            .definedBy("io.loadfleet.worker.report..")
            .layer("embedded broker")
            .definedBy("io.loadfleet.worker.embedded..")
            .layer("sinks")
            .definedBy("io.loadfleet.worker.sink..")
            .layer("records")
            .definedBy("io.loadfleet.worker.generate..", "io.loadfleet.worker.encode..")
            .layer("record model")
            .definedBy("io.loadfleet.worker.records..")
            .layer("pacing")
            .definedBy("io.loadfleet.worker.pace..")
            .layer("secrets")
            .definedBy("io.loadfleet.worker.secret..")
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("pod")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("verify")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("pod api")
            .mayOnlyBeAccessedByLayers("pod", "verify")
            .whereLayer("engine")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify")
            .whereLayer("report")
            .mayOnlyBeAccessedByLayers("cli", "engine")
            .whereLayer("embedded broker")
            .mayOnlyBeAccessedByLayers("cli", "engine")
            .whereLayer("sinks")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify", "engine")
            .whereLayer("records")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify", "engine", "sinks")
            .whereLayer("record model")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify", "engine", "sinks", "records")
            .whereLayer("pacing")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify", "engine", "sinks", "records")
            .whereLayer("secrets")
            .mayOnlyBeAccessedByLayers("cli", "pod", "verify", "engine", "sinks", "records");
}
