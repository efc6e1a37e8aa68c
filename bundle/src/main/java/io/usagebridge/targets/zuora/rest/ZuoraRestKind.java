package io.usagebridge.targets.zuora.rest;

import java.util.Set;

/** The two Zuora REST file uploads: mass actions (/v1/bulk) and usage (/v1/usage). */
public enum ZuoraRestKind {
    BULK("zuora-rest-bulk", "/v1/bulk"),
    USAGE("zuora-rest-usage", "/v1/usage");

    /** /v1/bulk's action types; usage is not one of them. */
    public static final Set<String> BULK_ACTION_TYPES = Set.of("UpdateAccountingCode", "CreateRevenueSchedule",
            "UpdateRevenueSchedule", "DeleteRevenueSchedule", "ImportFXRate", "MPU");

    private final String type;
    private final String uploadPath;

    ZuoraRestKind(String type, String uploadPath) {
        this.type = type;
        this.uploadPath = uploadPath;
    }

    public String type() {
        return type;
    }

    public String uploadPath() {
        return uploadPath;
    }
}
