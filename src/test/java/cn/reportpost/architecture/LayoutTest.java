package cn.reportpost.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, checked on every build: features are modules that talk to each other
 * through services, shared code knows no feature, the order rules are plain Java, WeChat's SDK
 * stays behind the gateway, and nothing in production reaches the sandbox or dev mode.
 */
class LayoutTest {

  private static final String ROOT = "cn.reportpost";
  /** Packages every feature may use and that may use no feature. */
  static final List<String> SHARED = List.of("api", "http", "db", "redis", "config", "privacy", "audit", "outbox", "jobs");
  /** Packages only dev and test mode use. */
  static final List<String> DEV_ONLY = List.of("sandbox", "dev");

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void shared_packages_import_no_feature() {
    for (String shared : SHARED) {
      noClasses().that().resideInAPackage(ROOT + "." + shared + "..")
          .should().dependOnClassesThat(isFeature())
          .because(shared + " is shared: a feature may use it, it may use no feature")
          .check(production);
    }
  }

  @Test
  void the_order_rules_are_plain_java() {
    noClasses().that().resideInAPackage(ROOT + ".order.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "io.netty..",
            "me.chanjar..", "com.github.binarywang..", ROOT + ".http..", ROOT + ".wechat..", ROOT + ".db..")
        .because("the state machine and the validation rules run in a unit test without Vert.x, SQL or WeChat")
        .check(production);
  }

  @Test
  void production_code_does_not_reach_the_sandbox_or_dev_mode() {
    noClasses().that().resideOutsideOfPackages(devOnlyPackages())
        .and().doNotHaveFullyQualifiedName(ROOT + ".App").and().doNotHaveFullyQualifiedName(ROOT + ".Main")
        .should().dependOnClassesThat().resideInAnyPackage(devOnlyPackages())
        .because("production never starts the sandbox; only the launcher chooses dev mode")
        .check(production);
  }

  @Test
  void only_the_wechat_gateway_imports_wxjava() {
    noClasses().that().resideOutsideOfPackages(ROOT + ".wechat..", ROOT + ".sandbox..")
        .should().dependOnClassesThat().resideInAnyPackage("me.chanjar..", "com.github.binarywang..")
        .because("features see WeChat through the ports they define; the sandbox plays WeChat's side")
        .check(production);
  }

  @Test
  void a_feature_does_not_use_another_features_repository() {
    ArchRule rule = classes().that().haveSimpleNameEndingWith("Repository").and().resideInAPackage(ROOT + ".*")
        .and().resideOutsideOfPackages(SHARED.stream().map(p -> ROOT + "." + p).toArray(String[]::new))
        .should(beUsedOnlyFromTheirOwnPackageOrTheLauncher());
    rule.check(production);
  }

  @Test
  void every_feature_has_one_module() {
    List<String> features = production.stream().map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(ROOT + ".") && p.chars().filter(c -> c == '.').count() == 2)
        .map(p -> p.substring(ROOT.length() + 1)).distinct()
        .filter(p -> !SHARED.contains(p) && !DEV_ONLY.contains(p) && !List.of("wechat", "print").contains(p))
        .toList();
    assertThat(features).isNotEmpty();
    for (String feature : features) {
      assertThat(production.stream().filter(c -> c.getPackageName().equals(ROOT + "." + feature))
          .filter(c -> c.getSimpleName().endsWith("Module")).count())
          .as("feature package %s has a *Module entry type", feature).isGreaterThanOrEqualTo(1);
    }
  }

  private static String[] devOnlyPackages() {
    return DEV_ONLY.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
  }

  /** A class of a feature package: any package under the root that is neither shared nor the root itself. */
  private static DescribedPredicate<JavaClass> isFeature() {
    return DescribedPredicate.describe("a feature's class", c -> {
      String pkg = c.getPackageName();
      if (!pkg.startsWith(ROOT + ".")) {
        return false;
      }
      String top = pkg.substring(ROOT.length() + 1).split("\\.")[0];
      return !SHARED.contains(top);
    });
  }

  private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackageOrTheLauncher() {
    return new ArchCondition<>("be used only from their own feature or the launcher") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        String home = topPackage(repository);
        repository.getDirectDependenciesToSelf().forEach(d -> {
          JavaClass user = d.getOriginClass();
          String from = topPackage(user);
          boolean allowed = from.equals(home) || user.getPackageName().equals(ROOT) || DEV_ONLY.contains(from);
          if (!allowed) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        });
      }
    };
  }

  private static String topPackage(JavaClass c) {
    String pkg = c.getPackageName();
    return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1).split("\\.")[0];
  }
}
