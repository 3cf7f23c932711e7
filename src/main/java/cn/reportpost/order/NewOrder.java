package cn.reportpost.order;

import java.time.LocalDate;

/** An order ready to insert: priced, personal fields sealed (see {@link PersonalColumn}) and hashed. */
record NewOrder(String orderNo, long residentId, String siteCode, int amountFen, String patientNameEnc,
    String patientIdType, String patientIdEnc, String patientIdHash, String patientPhoneEnc, String patientPhoneHash,
    LocalDate sampledOn, String recipientNameEnc, String recipientPhoneEnc, String recipientPhoneHash, String province,
    String city, String district, String addressEnc, int copies, String remark, String idempotencyKey,
    String requestHash, String patientNameHash, String patientPhoneTailHash, String recipientPhoneTailHash,
    String provinceCode, String cityCode, String districtCode) {}
