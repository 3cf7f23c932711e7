package cn.reportpost.order;

/**
 * An order's personal fields, opened: what the people allowed to see them see (each view masks
 * what its reader may not see whole). Everything else reads personal data only through
 * {@link StoredOrder#personal}, so how the fields are stored can change in one place.
 */
public record PersonalFields(String patientName, String patientIdNumber, String patientPhone, String recipientName,
    String recipientPhone, String province, String city, String district, String address) {}
