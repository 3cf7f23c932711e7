package cn.reportpost.order;

import java.time.LocalDate;

/** An order ready to insert: priced, personal numbers encrypted and hashed. */
record NewOrder(String orderNo, long residentId, String siteCode, int amountFen, String patientName,
    String patientIdType, String patientIdEnc, String patientIdHash, String patientPhoneEnc, String patientPhoneHash,
    LocalDate sampledOn, String recipientName, String recipientPhoneEnc, String recipientPhoneHash, String province,
    String city, String district, String address, int copies, String remark, String idempotencyKey,
    String requestHash, String patientNameHash, String patientPhoneTailHash, String recipientPhoneTailHash, String provinceCode, String cityCode,
    String districtCode) {}
