package cn.reportpost.console;

/**
 * One page of the operations console: its clean path under /ops/, its file under
 * console/pages/, the label of its navigation entry, and whether only ADMIN may open it.
 */
record ConsolePage(String path, String file, String label, boolean adminOnly) {

  static ConsolePage ops(String path, String file, String label) {
    return new ConsolePage(path, file, label, false);
  }

  static ConsolePage admin(String path, String file, String label) {
    return new ConsolePage(path, file, label, true);
  }
}
