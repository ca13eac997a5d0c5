package io.github.rnnserving;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package arrows, checked on every build (main classes only; tests may reach across).
 *
 * <pre>
 * cli, report              → training, model, data   (cli also → report: `rnn report` draws a bundle's report)
 * inference (Open Inference Protocol) → classify, registry, serving (the deadline), model, web   (nothing uses it)
 * session (streaming sessions) → registry, serving, model, web   (nothing uses it)
 * generate (sampling, scoring) → registry, serving, model, web   (nothing uses it)
 * jobs, classify           → registry, serving, training, model, data, web
 * registry                 → serving, training, model, data, web
 * serving                  → model, web   (the engine: queues, batcher, forward workers)
 * training                 → model, data
 * model (with model.text)  → data
 * web                      → nothing of the features
 * </pre>
 *
 * The root package ({@code RnnServingApplication}, {@code RnnProperties}) may be used by all; the
 * application class itself starts {@code cli}. Beyond the arrows: no cycle between top-level
 * packages, the domain ({@code model}, {@code training}, {@code data}) speaks no HTTP of this
 * service's ({@code web}), and {@code web} (errors, filters, OpenAPI) knows no feature, which is
 * why each feature's exceptions carry their own problem.
 */
@AnalyzeClasses(packages = "io.github.rnnserving", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.github.rnnserving.";

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("io.github.rnnserving.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule webKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage(ROOT + "web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features(
                    "classify",
                    "cli",
                    "data",
                    "generate",
                    "inference",
                    "jobs",
                    "model",
                    "registry",
                    "report",
                    "serving",
                    "session",
                    "training"));

    @ArchTest
    static final ArchRule domainSpeaksNoHttp = noClasses()
            .that()
            .resideInAnyPackage(features("model", "training", "data"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("web"));

    @ArchTest
    static final ArchRule dataIsTheBottom = noClasses()
            .that()
            .resideInAPackage(ROOT + "data..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "jobs", "model", "registry", "report", "training", "web"));

    @ArchTest
    static final ArchRule modelNeedsOnlyData = noClasses()
            .that()
            .resideInAPackage(ROOT + "model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "jobs", "registry", "report", "training", "web"));

    @ArchTest
    static final ArchRule trainingNeedsOnlyModelAndData = noClasses()
            .that()
            .resideInAPackage(ROOT + "training..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "jobs", "registry", "report", "web"));

    /** The registry serves and imports models; it never calls the features that use it. */
    @ArchTest
    static final ArchRule registryUsesNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "registry..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "jobs", "report"));

    /** The engine batches encoded sequences; it knows no request, registry or bundle format. */
    @ArchTest
    static final ArchRule servingNeedsOnlyModelAndWeb = noClasses()
            .that()
            .resideInAPackage(ROOT + "serving..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "data", "jobs", "registry", "report", "training"));

    @ArchTest
    static final ArchRule classifyUsesNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "classify..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("cli", "jobs", "report"));

    /** Generation is an edge of its own: no other feature's requests, no training. */
    @ArchTest
    static final ArchRule generateUsesNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "generate..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "inference", "jobs", "report", "session", "training"));

    @ArchTest
    static final ArchRule jobsUseNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "jobs..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "report"));

    @ArchTest
    static final ArchRule offlineToolsSpeakNoHttp = noClasses()
            .that()
            .resideInAnyPackage(features("cli", "report"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "jobs", "registry", "web"));

    @ArchTest
    static final ArchRule reportIsALeafTool = noClasses()
            .that()
            .resideInAPackage(ROOT + "report..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + "cli..");

    /** The protocol binding translates to /classify's service; nothing of the rest calls it back. */
    @ArchTest
    static final ArchRule nothingUsesTheProtocolBinding = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "inference..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + "inference..");

    @ArchTest
    static final ArchRule protocolBindingUsesNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "inference..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("cli", "jobs", "report", "training"));

    /** Sessions are an edge of their own: nothing calls them, and they call no other edge. */
    @ArchTest
    static final ArchRule nothingUsesSessions = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "session..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + "session..");

    @ArchTest
    static final ArchRule sessionsUseNoOtherEdge = noClasses()
            .that()
            .resideInAPackage(ROOT + "session..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(features("classify", "cli", "inference", "jobs", "report", "training"));

    private static String[] features(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = ROOT + names[i] + "..";
        }
        return packages;
    }
}
