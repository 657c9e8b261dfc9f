import { seatMapFirstRenderReady } from "./prefetch-seat-map";
import "./zod-jitless";
import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app";
import { TrpcProvider } from "./trpc";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("Missing #root element");

const render = () =>
  createRoot(root).render(
    <StrictMode>
      <TrpcProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </TrpcProvider>
    </StrictMode>,
  );

const seatMapReady = seatMapFirstRenderReady();
// Rendered synchronously, as the map's render was when its data arrived after a first render: effects run in the
// same task, so the seat map's query (gcTime 0) has its observer before a timer could collect it and fetch the
// parts again.
if (seatMapReady) void seatMapReady.then(() => flushSync(render));
else render();
