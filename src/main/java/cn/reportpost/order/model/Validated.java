package cn.reportpost.order.model;

import cn.reportpost.api.FieldError;
import java.util.List;
import java.util.NoSuchElementException;

/** Either a valid value or every field error found at once, never both. */
public record Validated<T>(T value, List<FieldError> errors) {

  public Validated {
    errors = List.copyOf(errors);
    if ((value == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("need a value or errors, not both or neither");
    }
  }

  public static <T> Validated<T> valid(T value) {
    return new Validated<>(value, List.of());
  }

  public static <T> Validated<T> invalid(List<FieldError> errors) {
    return new Validated<>(null, errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** The value; throws when invalid, so check {@link #isValid()} first. */
  @Override
  public T value() {
    if (value == null) {
      throw new NoSuchElementException("invalid: " + errors);
    }
    return value;
  }
}
