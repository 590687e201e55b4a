package io.baifang.branches;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/branches")
class BranchesController {

    private final BranchNetwork network;

    BranchesController(BranchNetwork network) {
        this.network = network;
    }

    @GetMapping
    List<BranchView> branches() {
        return network.all().stream().map(BranchView::of).toList();
    }

    record BranchView(String code, String name, String address, String phone, String district,
                      Map<DayOfWeek, HoursView> openingHours, List<LocalDate> closedDates,
                      int capacityPerHalfHour, int dailyContactTarget) {

        static BranchView of(Branch branch) {
            Map<DayOfWeek, HoursView> week = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                OpeningHours hours = branch.openingHours().get(day);
                week.put(day, hours == null ? null : new HoursView(hours.opens().toString(), hours.closes().toString()));
            }
            return new BranchView(branch.code(), branch.name(), branch.address(), branch.phone(), branch.district(),
                    week, branch.closedDates().stream().sorted().toList(),
                    branch.capacityPerHalfHour(), branch.dailyContactTarget());
        }
    }

    record HoursView(String opens, String closes) {
    }
}
