import { describe, expect, it } from "vitest";
import { countsPeople, formatExpectedPeople, formatPeople, formatWholePeople, unitsForReaders } from "~/utils/format";

describe("people read whole", () => {
  it("rounds an expected headcount to whole people, saying 'about' when it was not whole", () => {
    expect(formatPeople(28.2)).toBe("about 28");
    expect(formatPeople(28.6)).toBe("about 29");
    expect(formatPeople(15)).toBe("15");
    // A float that is whole but for rounding noise is whole.
    expect(formatPeople(0.1 + 0.2 + 14.7)).toBe("15");
    expect(formatPeople(1234.4)).toBe("about 1,234");
    expect(formatPeople(0)).toBe("0");
    expect(formatPeople(0.3)).toBe("about 0");
  });

  it("counts a noun in whole people: 1 likely owner, 2 likely owners, no likely owner", () => {
    expect(formatPeople(0.6, "likely owner")).toBe("1 likely owner");
    expect(formatPeople(1.4, "likely owner")).toBe("1 likely owner");
    expect(formatPeople(1.5, "likely owner")).toBe("2 likely owners");
    expect(formatPeople(3, "likely owner")).toBe("3 likely owners");
    expect(formatPeople(0.4, "likely owner")).toBe("no likely owner");
    expect(formatPeople(-0.2, "likely owner")).toBe("no likely owner");
  });

  it("gives the whole number alone where a header says what it counts", () => {
    expect(formatWholePeople(0.6)).toBe("1");
    expect(formatWholePeople(-0.2)).toBe("0");
    expect(formatWholePeople(1499.5)).toBe("1,500");
  });

  it("keeps the expected value, to a tenth, for the tooltip", () => {
    expect(formatExpectedPeople(28.24)).toBe("Expected: 28.2");
    expect(formatExpectedPeople(0.612684)).toBe("Expected: 0.6");
    expect(formatExpectedPeople(15)).toBe("Expected: 15");
    expect(formatExpectedPeople(1999.96)).toBe("Expected: 2,000");
  });

  it("knows which labels count people, and which count skills, steps or a ratio", () => {
    for (const label of [
      "End headcount",
      "Headcount L3",
      "Start headcount",
      "Joiners",
      "Leavers",
      "How many",
      "Count",
      "People at the start",
      "At the end",
      "Owners messaging (engineers at 3+)",
      "Headcount P50",
    ])
      expect(countsPeople(label), label).toBe(true);
    for (const label of [
      "Juniors per senior",
      "Skills with fewer than two owners at the end (count)",
      "Steps with juniors per senior out of band",
      "Capacity (mid-level engineer equivalents)",
      "Total cost ($)",
      "Month from start",
    ])
      expect(countsPeople(label), label).toBe(false);
  });

  it("reads a 0-1 share's unit as a percentage", () => {
    expect(unitsForReaders("Lowest mentoring coverage (0-1)")).toBe("Lowest mentoring coverage (%)");
    expect(unitsForReaders("Skill: Messaging (0-4)")).toBe("Skill: Messaging (0-4)");
  });
});
