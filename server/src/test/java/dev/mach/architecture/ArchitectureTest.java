package dev.mach.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules that keep Mach readable by feature. */
@AnalyzeClasses(packages = "dev.mach", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] FEATURES = {
    "dev.mach.user..",
    "dev.mach.profile..",
    "dev.mach.article..",
    "dev.mach.comment..",
    "dev.mach.tag..",
    "dev.mach.export.."
  };

  @ArchTest
  static final ArchRule onlyQueryClassesTouchJooq =
      noClasses()
          .that()
          .haveSimpleNameNotEndingWith("Queries")
          .and()
          // config wires jOOQ; observability listens to the statements jOOQ runs and writes none
          .resideOutsideOfPackages("dev.mach.db..", "dev.mach.config..", "dev.mach.observability..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jooq..", "dev.mach.db..")
          .because("SQL lives in one place per feature: its *Queries class");

  @ArchTest
  static final ArchRule featureQueriesArePrivateToTheirFeature =
      classes()
          .that()
          .haveSimpleNameEndingWith("Queries")
          .and()
          .resideInAnyPackage(FEATURES)
          .should()
          .notBePublic()
          .because("other features go through a feature's service, never its queries");

  @ArchTest
  static final ArchRule controllersStayThin =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("Controller")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameEndingWith("Queries")
          .because("controllers parse and delegate; services own the logic");

  @ArchTest
  static final ArchRule noFeatureUsesAnotherFeaturesController =
      noClasses()
          .that()
          .haveSimpleNameNotEndingWith("Controller")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameEndingWith("Controller")
          .because("a controller is an entry point, not an API for other code");

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCycles =
      slices()
          .matching("dev.mach.(user|profile|article|comment|tag|export)..")
          .should()
          .beFreeOfCycles();

  @ArchTest
  static final ArchRule crossCuttingCodeDoesNotDependOnFeatures =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.mach.auth..",
              "dev.mach.batch..",
              "dev.mach.cache..",
              "dev.mach.config..",
              "dev.mach.error..",
              "dev.mach.observability..",
              "dev.mach.ratelimit..",
              "dev.mach.web..",
              "dev.mach.totals..",
              "dev.mach.jobs..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES)
          .because("features build on the cross-cutting packages, not the other way round");
}
