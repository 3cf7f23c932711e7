package cn.reportpost.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Debian's Chromium, headless and fully offline: the driver path is given, so Selenium Manager
 * never runs, and every host name but 127.0.0.1 fails to resolve. {@link #phone()} emulates a
 * 375×667 phone (touch, mobile user agent); {@link #desktop} and {@link #tablet()} a plain window.
 */
public final class Browser implements AutoCloseable {

  /** Makes fetch fail while {@code window.__offline} is true, as it does without a network. */
  private static final String OFFLINE_FETCH = "window.__offline = true; if (!window.__offlineFetch) { window.__offlineFetch = true;"
      + " const real = window.fetch; window.fetch = function () { return window.__offline"
      + " ? Promise.reject(new TypeError('Failed to fetch')) : real.apply(this, arguments); }; }";

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  /** The fetch stand-in for documents loaded while offline (see {@link #network}), while there is one. */
  private String offlineScript;

  /** A 375×667 phone, as residents and couriers hold it. */
  public static Browser phone() {
    return new Browser(options -> options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 375, "height", 667, "pixelRatio", 2.0))));
  }

  /** The same phone inside WeChat: WeChat's user agent, so pages take the JS-SDK paths (against the sandbox's jweixin). */
  public static Browser wechatPhone() {
    return new Browser(options -> options.setExperimentalOption("mobileEmulation", Map.of(
        "deviceMetrics", Map.of("width", 375, "height", 667, "pixelRatio", 2.0),
        "userAgent", "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN")));
  }

  /** A desktop window of the given size (operations and site staff at a PC: 1280×800). */
  public static Browser desktop(int width, int height) {
    return new Browser(options -> options.addArguments("--window-size=" + width + "," + height));
  }

  /** A 768×1024 tablet held upright, as site staff use one beside the label printer. */
  public static Browser tablet() {
    return new Browser(options -> options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 768, "height", 1024, "pixelRatio", 1.0))));
  }

  private Browser(java.util.function.Consumer<ChromeOptions> viewport) {
    try {
      profile = Files.createTempDirectory("reportpost-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--lang=zh-CN");
    viewport.accept(options);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    driver = new ChromeDriver(service, options);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /**
   * Waits up to 20 s (a cold server, a payment notify) for the condition; an element the page
   * re-rendered meanwhile is looked up again on the next try.
   */
  public <T> T await(String what, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** A control's current value (the DOM property, not the attribute it was loaded with). */
  public String value(String name) {
    return find("[name='" + name + "']").getDomProperty("value");
  }

  public void type(String name, String text) {
    WebElement input = find("[name='" + name + "']");
    input.clear();
    input.sendKeys(text);
  }

  public void choose(String name, String value) {
    fresh(() -> {
      new Select(find("[name='" + name + "']")).selectByValue(value);
      return null;
    });
  }

  /** Sets a value the way a native picker would (date inputs take keys in the locale's order). */
  public void set(String name, String value) {
    ((JavascriptExecutor) driver).executeScript("const f = document.querySelector(`[name='${arguments[0]}']`);"
        + "f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));"
        + "f.dispatchEvent(new Event('change', {bubbles: true}));", name, value);
  }

  /**
   * Switches the network off or on as Chromium's DevTools do (Network.emulateNetworkConditions):
   * requests fail at once, navigator.onLine follows, and service workers answer from their cache.
   */
  @SuppressWarnings("unchecked")
  public void network(boolean online) {
    Map<String, Object> conditions = Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
    // The emulation does not survive a reload: it is dropped while the document being left is still
    // running (seen polling navigator.onLine there), so a queue flush in that moment reached the
    // server (one CI run in several), and the new document loads with navigator.onLine true. While offline,
    // fetch therefore fails as it does without a network, in the current document and in every one
    // loaded after it, until the network is switched back on (before the emulation, so that the
    // page's "online" event finds fetch working).
    if (online && offlineScript != null) {
      driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", offlineScript));
      offlineScript = null;
      ((JavascriptExecutor) driver).executeScript("window.__offline = false;");
    }
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", conditions);
    if (!online && offlineScript == null) {
      offlineScript = (String) driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OFFLINE_FETCH))
          .get("identifier");
      ((JavascriptExecutor) driver).executeScript(OFFLINE_FETCH);
    }
    // The page's emulation does not reach its service workers (their own targets), as DevTools'
    // offline switch does: attach to each and switch it too.
    List<Map<String, Object>> targets = (List<Map<String, Object>>) driver.executeCdpCommand("Target.getTargets", Map.of())
        .get("targetInfos");
    for (Map<String, Object> target : targets) {
      if (!"service_worker".equals(target.get("type"))) {
        continue;
      }
      String session = (String) driver.executeCdpCommand("Target.attachToTarget",
          Map.of("targetId", target.get("targetId"), "flatten", false)).get("sessionId");
      send(session, 1, "Network.enable", Map.of());
      send(session, 2, "Network.emulateNetworkConditions", conditions);
    }
  }

  private void send(String session, int id, String method, Map<String, Object> params) {
    String message = new org.openqa.selenium.json.Json().toJson(Map.of("id", id, "method", method, "params", params));
    driver.executeCdpCommand("Target.sendMessageToTarget", Map.of("sessionId", session, "message", message));
  }

  /** Scrolls the element to the middle of the screen, clear of fixed bars at the top and bottom, and taps it. */
  public void tap(String css) {
    fresh(() -> {
      WebElement element = find(css);
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      element.click();
      return null;
    });
  }

  /** Runs {@code script} in the page and answers its value. */
  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public String text(String css) {
    return fresh(() -> find(css).getText());
  }

  /**
   * Runs {@code read} again when the page re-rendered the element between finding it and using it
   * (lists re-render when a reply or a queued step lands); a failure to find it at all still fails.
   */
  private <T> T fresh(Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** The browser's cookies for this server, as a Cookie header, to call the API as the same resident. */
  public String cookieHeader() {
    return driver.manage().getCookies().stream().map(Cookie::toString).map(c -> c.split(";")[0])
        .collect(Collectors.joining("; "));
  }

  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary profile left behind is harmless.
    }
  }
}
