package cn.reportpost.order.model;

/** The identity documents a patient may give (PRODUCT.md §2); names are part of the API. */
public enum IdType {
  /** Mainland resident identity card, 18 characters with an ISO 7064 MOD 11-2 check character. */
  ID_CARD,
  PASSPORT,
  /** Permit of Hong Kong and Macao residents (回乡证) or the mainland's permit to visit them. */
  HK_MACAO_PERMIT,
  /** Mainland travel permit of Taiwan residents (台胞证). */
  TAIWAN_PERMIT
}
