/** The padded column every page except the graph sits in. */
export function PageBody({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  return <div className={`mx-auto w-full ${wide ? "max-w-[1600px]" : "max-w-7xl"} px-6 py-7 lg:px-8`}>{children}</div>;
}
