type Category = "concert" | "sports" | "theatre" | "comedy" | "family" | "festival";

export interface TierBlueprint {
  name: string;
  priceCents: number;
  color: string;
  /** The venue's pricing zones sold at this price. */
  zones: string[];
}

/** A demo event as plain data; times are offsets from the seeding moment so the demo always looks current. */
export interface EventBlueprint {
  venueKey: string;
  name: string;
  performer: string;
  category: Category;
  description: string;
  /** Days from now; the show starts at 19:30 venue time. */
  startsInDays: number;
  /** Negative: already on sale. Positive: the on-sale is in the future. In hours. */
  onSaleInHours: number;
  perFanLimit: number;
  holdSeconds: number;
  feeCents: number;
  waitingRoom?: { admitRatePerMinute: number; maxActiveShoppers: number; shoppingWindowSeconds: number; preQueueHours: number };
  tiers: TierBlueprint[];
}

const arenaTiers = (scale: number): TierBlueprint[] => [
  { name: "Platinum", priceCents: Math.round(189_00 * scale), color: "#7c3aed", zones: ["lower-premium"] },
  { name: "Lower Bowl", priceCents: Math.round(119_00 * scale), color: "#2563eb", zones: ["lower-side", "lower-end"] },
  { name: "Upper Bowl", priceCents: Math.round(69_00 * scale), color: "#0d9488", zones: ["upper-side", "upper-end"] },
  { name: "Side View", priceCents: Math.round(45_00 * scale), color: "#ca8a04", zones: ["restricted"] },
];

export const demoEvents: EventBlueprint[] = [
  {
    venueKey: "arena",
    name: "Midnight Run Tour",
    performer: "Neon Wolves",
    category: "concert",
    description:
      "Neon Wolves bring the Midnight Run Tour home: two hours of synth-driven anthems, a new stage show and the songs that made them. All ages; doors open 90 minutes before the show.",
    startsInDays: 21,
    onSaleInHours: -48,
    perFanLimit: 8,
    holdSeconds: 600,
    feeCents: 650,
    tiers: arenaTiers(1),
  },
  {
    venueKey: "arena",
    name: "Harbor Hawks vs. Chicago Blaze",
    performer: "Boston Harbor Hawks",
    category: "sports",
    description:
      "Rivalry night at Harbor Point. The Hawks host the Blaze in the game everyone circled on the calendar. High demand: this on-sale uses a waiting room so every fan gets a fair place in line.",
    startsInDays: 9,
    onSaleInHours: -1,
    perFanLimit: 6,
    holdSeconds: 480,
    feeCents: 550,
    waitingRoom: { admitRatePerMinute: 300, maxActiveShoppers: 500, shoppingWindowSeconds: 600, preQueueHours: 1 },
    tiers: arenaTiers(0.8),
  },
  {
    venueKey: "arena",
    name: "Skylight World Tour",
    performer: "Aurora Vale",
    category: "concert",
    description:
      "Aurora Vale's first arena tour. Tickets go on sale through a waiting room: join before the on-sale and you get a random place in line at the start, checkable by anyone.",
    startsInDays: 62,
    onSaleInHours: 72,
    perFanLimit: 4,
    holdSeconds: 480,
    feeCents: 750,
    waitingRoom: { admitRatePerMinute: 600, maxActiveShoppers: 1000, shoppingWindowSeconds: 600, preQueueHours: 2 },
    tiers: arenaTiers(1.3),
  },
  {
    venueKey: "theatre",
    name: "The Glass Menagerie",
    performer: "Riverside Repertory Company",
    category: "theatre",
    description:
      "Tennessee Williams's memory play in a new staging by the Riverside Repertory Company. Running time about two hours and twenty minutes, with one interval.",
    startsInDays: 14,
    onSaleInHours: -240,
    perFanLimit: 8,
    holdSeconds: 600,
    feeCents: 400,
    tiers: [
      { name: "Premium Orchestra", priceCents: 129_00, color: "#b91c1c", zones: ["orchestra-premium"] },
      { name: "Orchestra", priceCents: 89_00, color: "#ea580c", zones: ["orchestra"] },
      { name: "Mezzanine", priceCents: 65_00, color: "#2563eb", zones: ["mezzanine"] },
      { name: "Balcony", priceCents: 39_00, color: "#0d9488", zones: ["balcony", "restricted"] },
    ],
  },
  {
    venueKey: "club",
    name: "Static Bloom (with special guests)",
    performer: "Static Bloom",
    category: "concert",
    description:
      "Static Bloom play The Foundry's standing floor, with a small seated balcony above. Floor tickets are general admission: arrive early for the front.",
    startsInDays: 6,
    onSaleInHours: -120,
    perFanLimit: 6,
    holdSeconds: 600,
    feeCents: 350,
    tiers: [
      { name: "General Admission Floor", priceCents: 35_00, color: "#16a34a", zones: ["floor"] },
      { name: "Balcony Front", priceCents: 55_00, color: "#7c3aed", zones: ["balcony-front"] },
      { name: "Balcony", priceCents: 45_00, color: "#2563eb", zones: ["balcony"] },
    ],
  },
  {
    venueKey: "comedy",
    name: "Overthinking It",
    performer: "Maya Okafor",
    category: "comedy",
    description: "Maya Okafor's new hour, worked out in clubs all year. Two-drink minimum at the tables. 18+.",
    startsInDays: 4,
    onSaleInHours: -300,
    perFanLimit: 6,
    holdSeconds: 480,
    feeCents: 300,
    tiers: [
      { name: "Front Tables", priceCents: 48_00, color: "#b91c1c", zones: ["front"] },
      { name: "Tables", priceCents: 35_00, color: "#2563eb", zones: ["tables"] },
      { name: "Bar Rail", priceCents: 25_00, color: "#0d9488", zones: ["bar"] },
    ],
  },
  {
    venueKey: "theatre",
    name: "The Snow Queen",
    performer: "Alcott Youth Theatre",
    category: "family",
    description:
      "Hans Christian Andersen's winter tale told with puppets, live music and a lot of snow. Recommended for ages 5 and up; running time 75 minutes.",
    startsInDays: 30,
    onSaleInHours: -500,
    perFanLimit: 10,
    holdSeconds: 600,
    feeCents: 250,
    tiers: [
      { name: "Orchestra", priceCents: 42_00, color: "#ea580c", zones: ["orchestra-premium", "orchestra"] },
      { name: "Mezzanine", priceCents: 32_00, color: "#2563eb", zones: ["mezzanine"] },
      { name: "Balcony", priceCents: 22_00, color: "#0d9488", zones: ["balcony", "restricted"] },
    ],
  },
  {
    venueKey: "club",
    name: "Summer Sessions: Night One",
    performer: "Various Artists",
    category: "festival",
    description:
      "The first night of The Foundry's three-night indoor festival: eight bands, two rooms, one ticket. Lineup announced at the on-sale.",
    startsInDays: 48,
    onSaleInHours: 120,
    perFanLimit: 4,
    holdSeconds: 600,
    feeCents: 400,
    tiers: [
      { name: "Festival Floor", priceCents: 59_00, color: "#16a34a", zones: ["floor"] },
      { name: "Balcony", priceCents: 79_00, color: "#7c3aed", zones: ["balcony-front", "balcony"] },
    ],
  },
];
