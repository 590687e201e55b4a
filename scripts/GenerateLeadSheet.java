import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic 信息采集表 CSV of N rows with valid, distinct phones and ID numbers, for benchmarks.
 * Run with only a JDK: java scripts/GenerateLeadSheet.java 100000 /tmp/leads-100k.csv
 */
public class GenerateLeadSheet {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "兰", "霞", "平", "刚", "桂"};
    private static final String[] VILLAGES = {"白市驿镇高峰村三组", "西彭镇长石村五组", "铜罐驿镇英雄湾村", "走马镇孔目村二组", "华岩镇新苗村", "兰花社区", "陶家镇文峰村", "石坪桥村一组"};
    private static final String[] TAGS = {"外出务工", "保险满期", "外出经商", "到期客户", "村组干部", "运输大户", "种养植户", "个体经商户", "外出求学"};
    private static final String[] PREFIXES = {"138", "139", "150", "151", "186", "187", "188", "135", "136", "137"};
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Random random = new Random(42);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("姓名,联系电话,身份证号,家庭住址,村组/社区,网点,客群标签,采集人,采集日期,来源,同意接收短信\n");
            for (int i = 0; i < rows; i++) {
                String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                        + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
                String phone = PREFIXES[i % PREFIXES.length] + String.format("%08d", i);
                String id = idNumber(i, random);
                String village = VILLAGES[random.nextInt(VILLAGES.length)];
                String tags = TAGS[random.nextInt(TAGS.length)] + (random.nextInt(3) == 0 ? ";" + TAGS[random.nextInt(TAGS.length)] : "");
                writer.write(String.join(",", name, phone, id, "重庆市九龙坡区" + village + (i % 97) + "号", village,
                        "JLP00" + (1 + i % 4), tags, "张伟", "2026-10-" + String.format("%02d", 1 + i % 28),
                        "上门走访", i % 10 == 0 ? "否" : "是"));
                writer.write('\n');
            }
        }
    }

    /** A valid GB 11643 number, distinct per i: region, birth date, sequence, check character. */
    private static String idNumber(int i, Random random) {
        int year = 1950 + (i / 1000) % 55;
        int dayOfYear = i % 1000 % 28 + 1;
        int month = 1 + (i / 28) % 12;
        String body = "500107" + year + String.format("%02d%02d", month, dayOfYear) + String.format("%03d", i % 1000);
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * WEIGHTS[k];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
