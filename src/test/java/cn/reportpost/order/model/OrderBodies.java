package cn.reportpost.order.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Order-creation bodies as a JSON parser hands them over: mutable nested maps. */
final class OrderBodies {

  static final String PATIENT_ID = IdNumbers.valid("140105", "19900307", "123");

  private OrderBodies() {}

  static Map<String, Object> valid() {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("name", "张三");
    patient.put("idType", "ID_CARD");
    patient.put("idNumber", PATIENT_ID);
    patient.put("phone", "13812341234");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("siteCode", "TY001");
    body.put("patient", patient);
    body.put("sampledOn", "2024-03-10");
    body.put("recipient", recipient());
    body.put("copies", 1);
    body.put("remark", "请放门卫");
    return body;
  }

  static Map<String, Object> recipient() {
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("name", "李四");
    recipient.put("phone", "139 0000 1111");
    recipient.put("province", "山西省");
    recipient.put("city", "太原市");
    recipient.put("district", "小店区");
    recipient.put("address", "长治路 100 号 2 单元 301");
    return recipient;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> patientOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("patient");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> recipientOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("recipient");
  }
}
