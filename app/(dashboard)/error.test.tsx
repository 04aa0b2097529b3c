import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import DashboardError from "./error";

describe("the dashboard's error page", () => {
  it("shows the digest as a reference and none of the error's own words", () => {
    const error = Object.assign(new Error('Invalid `prisma.asset.findMany()` invocation: relation "Asset" does not exist'), { digest: "2931450172" });
    const html = renderToStaticMarkup(<DashboardError error={error} reset={() => {}} />);
    expect(html).toContain("Something went wrong on our side.");
    expect(html).toContain("Reference: 2931450172");
    expect(html).not.toMatch(/prisma|relation|does not exist/i);
  });
});
