package cn.reportpost.order.model;

import cn.reportpost.api.RandomCodes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * Makes new order numbers (see {@link OrderNumber}). Random rather than sequential: numbers are
 * shown to residents, so they must not reveal how many orders there are or let one be guessed.
 */
public final class OrderNumberGenerator {

  private final Clock clock;
  private final Random random;

  public OrderNumberGenerator(Clock clock) {
    this(clock, new SecureRandom());
  }

  /** With a given source of randomness, so tests can repeat a sequence. */
  public OrderNumberGenerator(Clock clock, Random random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public String next() {
    String date = OrderNumber.datePart(ServiceDate.today(clock));
    String randomPart = RandomCodes.of(random, OrderNumber.ALPHABET, OrderNumber.RANDOM_LENGTH);
    return OrderNumber.PREFIX + date + randomPart
        + OrderNumber.checkCharacter(date, randomPart);
  }
}
