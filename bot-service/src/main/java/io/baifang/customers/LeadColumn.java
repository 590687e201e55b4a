package io.baifang.customers;

import java.util.EnumSet;
import java.util.Set;

/** The columns of a 信息采集表, known by their header text. */
enum LeadColumn {
    NAME("姓名"),
    PHONE("联系电话"),
    ID_NUMBER("身份证号"),
    ADDRESS("家庭住址"),
    VILLAGE("村组/社区"),
    BRANCH("网点"),
    TAGS("客群标签"),
    COLLECTOR("采集人"),
    COLLECTED_ON("采集日期"),
    SOURCE("来源"),
    CONSENT("同意接收短信");

    /** Without these a sheet is refused whole: a row cannot be texted or placed without them. */
    static final Set<LeadColumn> REQUIRED = EnumSet.of(PHONE, BRANCH);

    private final String header;

    LeadColumn(String header) {
        this.header = header;
    }

    String header() {
        return header;
    }
}
