package cn.reportpost.order.model;

import static cn.reportpost.order.model.OrderBodies.recipientOf;
import static org.assertj.core.api.Assertions.assertThat;

import cn.reportpost.api.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a report goes, held to the GB/T 2260 divisions by code or, for older clients, by name. */
class RecipientDivisionsTest {

  private final OrderDraftValidator validator =
      new OrderDraftValidator(Clock.fixed(Instant.parse("2024-03-11T02:00:00Z"), ZoneOffset.UTC));

  private Recipient recipient(Map<String, Object> change) {
    Validated<Recipient> v = validator.validateRecipient(change);
    assertThat(v.errors()).isEmpty();
    return v.value();
  }

  @Test
  void codesDecideAndTheNamesComeFromTheData() {
    Map<String, Object> change = OrderBodies.recipient();
    change.put("province", "随便写");
    change.put("provinceCode", "50");
    change.put("cityCode", "5002");
    change.put("districtCode", "500229");
    Recipient r = recipient(change);
    assertThat(r.province()).isEqualTo("重庆市");
    assertThat(r.city()).isEqualTo("重庆市");
    assertThat(r.district()).isEqualTo("城口县");
    assertThat(r.inShanxi()).isFalse();
  }

  @Test
  void chongqingsTwoCitiesOfOneNameAreToldApartByTheDistrict() {
    Map<String, Object> change = OrderBodies.recipient();
    change.put("province", "重庆");
    change.put("city", "重庆市");
    change.put("district", "城口县");
    assertThat(recipient(change).cityCode()).isEqualTo("5002");
    change.put("district", "渝中区");
    assertThat(recipient(change).cityCode()).isEqualTo("5001");
  }

  @Test
  void aCityOrDistrictOutsideItsProvinceOrCityIsRefusedByTheFieldItCameIn() {
    Map<String, Object> body = OrderBodies.valid();
    recipientOf(body).put("city", "杭州市");
    assertThat(validator.validate(body).errors()).containsExactly(new FieldError("recipient.city", "is not a city of 山西省"));
    recipientOf(body).put("city", "太原市");
    recipientOf(body).put("district", "西湖区");
    assertThat(validator.validate(body).errors())
        .containsExactly(new FieldError("recipient.district", "is not a district of 太原市"));

    Map<String, Object> change = OrderBodies.recipient();
    change.put("provinceCode", "14");
    change.put("cityCode", "3301");
    change.put("districtCode", "330106");
    assertThat(validator.validateRecipient(change).errors())
        .containsExactly(new FieldError("cityCode", "is not a city of 山西省"));
    change.put("provinceCode", "81");
    assertThat(validator.validateRecipient(change).errors()).extracting(FieldError::field).containsExactly("provinceCode");
    change.remove("provinceCode");
    assertThat(validator.validateRecipient(change).errors())
        .containsExactly(new FieldError("provinceCode", "is required with cityCode and districtCode"));
  }
}
