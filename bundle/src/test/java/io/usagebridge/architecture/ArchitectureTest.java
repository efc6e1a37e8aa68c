package io.usagebridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rules that keep the bundle's shape: a target type is a plug-in (a package under targets/) that the core never
 * names, plug-ins do not lean on each other, SQL stays in ledger packages, and production code holds no simulator.
 * Only the bundle's own main classes are checked (no tests, no jars).
 */
class ArchitectureTest {

    private static final JavaClasses BUNDLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.usagebridge");

    @Test
    void packagesAreFreeOfCycles() {
        assertTrue(BUNDLE.size() > 200, "the bundle's classes were read: " + BUNDLE.size());
        slices().matching("io.usagebridge.(*)..").should().beFreeOfCycles().check(BUNDLE);
    }

    @Test
    void theCoreNamesNoTarget() {
        noClasses().that().resideOutsideOfPackage("io.usagebridge.targets..")
                .should().dependOnClassesThat().resideInAPackage("io.usagebridge.targets..")
                .because("the core finds target plug-ins by itself: adding a target must not touch it")
                .check(BUNDLE);
    }

    @Test
    void noTargetLeansOnAnother() {
        slices().matching("io.usagebridge.targets.(*)..").should().notDependOnEachOther().check(BUNDLE);
    }

    @Test
    void onlyLedgerPackagesTouchSql() {
        noClasses().that().resideOutsideOfPackage("..ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..",
                        "org.h2..", "org.postgresql..", "com.zaxxer.hikari..", "org.jdbi..")
                .because("the ledger is the one place that knows tables, SQL and its connection pool")
                .check(BUNDLE);
    }

    @Test
    void productionHoldsNoSimulator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.usagebridge.sandbox..").check(BUNDLE);
    }
}
