package cn.reportpost.order.model;

/** Builds valid mainland ID numbers for tests, with the check table written out independently. */
final class IdNumbers {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumbers() {}

  /** region (6 digits) + birth yyyyMMdd + sequence (3 digits) + the computed check character. */
  static String valid(String region, String birth, String sequence) {
    String first17 = region + birth + sequence;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return first17 + CHECK[sum % 11];
  }

  /** The same number with its check character replaced by a wrong one. */
  static String withWrongCheck(String valid) {
    char right = valid.charAt(17);
    return valid.substring(0, 17) + (right == '1' ? '2' : '1');
  }
}
