#include "domain/demo_estimate.hpp"

namespace construction::domain {

// Worked by hand (cost = quantity x unit cost; price = cost x (1 + markup)):
//
//  code    type         qty    unit  unit cost      cost   markup       price
//  01-100  labor         24    hr       65.00   1,560.00    35 %    2,106.00
//  01-500  other          1    ls      850.00     850.00    15 %      977.50
//  02-220  labor         12    hr       48.00     576.00    35 %      777.60
//  06-100  labor         16    hr       55.00     880.00    35 %    1,188.00
//  06-100  material       1    ls      768.50     768.50    20 %      922.20
//  06-400  material      30    lf      385.00  11,550.00    20 %   13,860.00
//  06-400  labor         16    hr       55.00     880.00    35 %    1,188.00
//  06-600  subcontract 58.5    sf       96.50   5,645.25    15 %    6,492.04  (6,492.0375)
//  09-250  subcontract 412.5   sf        2.85   1,175.63    15 %    1,351.97  (cost 1,175.625;
//                                                                              price 1,351.9745)
//  09-300  material    36.75   sf       21.60     793.80    25 %      992.25
//  09-650  subcontract  220    sf       12.40   2,728.00    15 %    3,137.20
//  09-900  subcontract    1    ls    3,742.82   3,742.82    15 %    4,304.24  (4,304.243)
//                                             ---------              ---------
//                                             31,150.00              37,297.00
//
// The lumber and painting lump sums were solved for last so that both totals
// come out exact. Margin: (37,297.00 - 31,150.00) / 37,297.00 = 16.4812 % -> 1648 bps.
std::vector<CostLineInput> demo_estimate_lines() {
  return {
      {"01-100", "labor", "Project supervision", "24", "hr", 6500, 3500, false},
      {"01-500", "other", "Dumpster, floor and dust protection", "1", "ls", 85000, 1500, false},
      {"02-220", "labor", "Selective demolition and haul-off", "12", "hr", 4800, 3500, false},
      {"06-100", "labor", "Framing and blocking for the new layout", "16", "hr", 5500, 3500, false},
      {"06-100", "material", "Framing lumber and hardware", "1", "ls", 76850, 2000, false},
      {"06-400", "material", "Shaker cabinets", "30", "lf", 38500, 2000, false},
      {"06-400", "labor", "Cabinet installation", "16", "hr", 5500, 3500, false},
      {"06-600", "subcontract", "Quartz countertops, template and install", "58.5", "sf", 9650,
       1500, false},
      {"09-250", "subcontract", "Drywall patch, hang and finish", "412.5", "sf", 285, 1500, false},
      {"09-300", "material", "Backsplash tile and setting materials", "36.75", "sf", 2160, 2500,
       false},
      {"09-650", "subcontract", "Luxury vinyl plank flooring", "220", "sf", 1240, 1500, false},
      {"09-900", "subcontract", "Paint walls, ceiling and trim", "1", "ls", 374282, 1500, false},
  };
}

// The office fit-out, worked by hand (cost = quantity x unit cost; price = cost x (1 + markup)):
//
//  code    type          qty  unit  unit cost       cost  markup       price
//  01-310  labor         120  hr        72.00   8,640.00    25 %   10,800.00
//  01-500  other           1  ls     2,400.00   2,400.00    10 %    2,640.00
//  08-140  material       14  ea       865.00  12,110.00    15 %   13,926.50
//  09-210  subcontract  3200  sf         6.85  21,920.00    10 %   24,112.00
//  09-510  subcontract  4800  sf         4.35  20,880.00    10 %   22,968.00
//  09-680  subcontract  4200  sf         5.40  22,680.00    10 %   24,948.00
//  09-910  subcontract  9600  sf         0.95   9,120.00    10 %   10,032.00
//  26-050  subcontract  4800  sf        11.25  54,000.00    10 %   59,400.00
//                                             ----------             ----------
//                                             151,750.00             168,826.50
//
// Margin: (168,826.50 - 151,750.00) / 168,826.50 = 10.1148 % -> 1011 bps.
std::vector<CostLineInput> demo_fit_out_lines() {
  return {
      {"01-310", "labor", "Project management and site supervision", "120", "hr", 7200, 2500,
       false},
      {"01-500", "other", "Temporary protection, clean-up and dumpsters", "1", "ls", 240000, 1000,
       false},
      {"08-140", "material", "Solid-core wood doors, frames and hardware", "14", "ea", 86500, 1500,
       false},
      {"09-210", "subcontract", "Metal stud partitions and gypsum board", "3200", "sf", 685, 1000,
       false},
      {"09-510", "subcontract", "Acoustical ceiling grid and tile", "4800", "sf", 435, 1000, false},
      {"09-680", "subcontract", "Carpet tile, rubber base and transitions", "4200", "sf", 540, 1000,
       false},
      {"09-910", "subcontract", "Paint partitions and door frames", "9600", "sf", 95, 1000, false},
      {"26-050", "subcontract", "Lighting, power and data: rough-in and trim", "4800", "sf", 1125,
       1000, false},
  };
}

}  // namespace construction::domain
