"""A page photographed at an angle: its outline found on the photo and warped square (a perspective
transform), so that its ruling lines are straight and parallel again before tables are searched.

The page is the largest bright four-sided region of the photo with darker surroundings (a desk, a
table). A scan — the page fills the image, or is only rotated a little on white — has no such outline
and is left as it is. Pixels throughout; the back homography takes a point of the flattened page to the
photo, so every box read from the flat page is outlined on the image the reviewer sees.
"""
from __future__ import annotations

import cv2
import numpy as np

FIND_SIZE = 800  # px: the outline is searched on the photo reduced to this longer side
MIN_AREA = 0.25  # the page covers at least this share of the photo
FILLS = 0.97  # a quadrilateral covering more than this share of the image is the image itself: a scan
MIN_CONTRAST = 40  # grey levels between the page and its surroundings (paper ~200, a desk ~80)
MAX_ANGLE = 30  # degrees a corner of the outline may depart from a right angle
EDGE = 1  # px (reduced) from the image's edge within which the outline is the image's, not the page's
SEEN = 0.25  # share of a side's length that must be seen off the image's edge
FRAME_TOLERANCE = 6  # px a table frame's corners may lie off a rectangle on a scan (the lines' own wobble)
PAGE_LONG = 2339  # px: the flattened page's longer side (A4 at the reading resolution, 200 dpi)

Corners = np.ndarray  # 4 × 2 float32: top left, top right, bottom right, bottom left (x, y)


def page_corners(rgb: np.ndarray) -> Corners | None:
    """The corners of the photographed page in the image, or None when there is no page outline to
    straighten (a scan: the page fills the image)."""
    gray = rgb if rgb.ndim == 2 else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    k = min(1.0, FIND_SIZE / max(h, w))
    small = cv2.resize(gray, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # print inside the page is a hole in the bright region (not part of the outer outline); a little closing
    # only seals specks at its edge: more would also close a thin strip of desk between the page and the edge
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    sh, sw = small.shape
    area = cv2.contourArea(outline)
    if area < MIN_AREA * sh * sw or area > FILLS * sh * sw:
        return None
    quad = _quadrilateral(outline)
    if quad is None:
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, quad.round().astype(np.int32), 255)
    page, around = small[inside > 0], small[inside == 0]
    if around.size < 0.5 * (1 - FILLS) * sh * sw or float(np.median(page)) - float(np.median(around)) < MIN_CONTRAST:
        return None  # no dark surroundings: a page that fills the image
    refined = _refined(outline, quad, sw, sh)
    if refined is None:
        return None  # a side of the page runs along the image's edge: its own edge is not seen
    return ((refined + 0.5) / k).astype(np.float32)  # pixel centres → edges of the full image


def flatten(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(the page warped square, the homography from it back onto the photo), or (the image as it is,
    None) when it has no page outline (a scan)."""
    corners = page_corners(rgb)
    if corners is None:
        return rgb, None
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    scale = PAGE_LONG / max(width, height)
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    square = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], dtype=np.float32)
    forward = cv2.getPerspectiveTransform(corners, square)
    border = (255,) * (3 if rgb.ndim == 3 else 1)
    flat = cv2.warpPerspective(rgb, forward, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    return flat, cv2.getPerspectiveTransform(square, corners)


def frame_square(ink: np.ndarray) -> np.ndarray | None:
    """For a page whose outline was not found (photographed on a light desk, or cut off by the photo's
    edge): the homography that makes the frame of its largest ruled table a rectangle again — a table's
    frame is one on paper. None when it already is one (a scan: within FRAME_TOLERANCE px) or when there
    is no such frame. `ink` is the binarised page, straightened.

    The table is the largest connected piece of ink (its lines meet, however slanted: a steep photo's lines
    are too slanted for the line mask's horizontal and vertical strokes); its frame is the four outermost of
    its long straight lines (a table continued from the page before has no top-left corner: the convex
    hull's corners are not its frame's), else the corners of its convex hull."""
    h, w = ink.shape
    joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    big = [i for i in range(1, n) if stats[i][2] >= 0.3 * w and stats[i][3] >= 40]  # as find_tables
    if not big:
        return None
    i = max(big, key=lambda i: int(stats[i][2]) * int(stats[i][3]))
    x, y, bw, bh, _ = stats[i]
    mask = np.where(labels[y:y + bh, x:x + bw] == i, 255, 0).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    hull = _quadrilateral(max(contours, key=cv2.contourArea))
    if hull is not None and _rectangle(hull):
        return None  # a scan's table (the common case, decided without searching its lines)
    quad = _frame_lines(mask)
    if quad is None:
        quad = hull
    if quad is None:
        return None
    quad = quad + np.array([x, y], dtype=np.float32)
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if _rectangle(quad):
        return None  # a rectangle (turned a little: the straightening's part): nothing to undo
    square = np.array([tl, tl + [width, 0], tl + [width, height], tl + [0, height]], dtype=np.float32)
    return cv2.getPerspectiveTransform(quad, square)


def _rectangle(quad: np.ndarray) -> bool:
    """Whether four corners are a rectangle's (turned a little) within FRAME_TOLERANCE px."""
    return float(np.abs(_ordered(cv2.boxPoints(cv2.minAreaRect(quad))) - quad).max()) <= FRAME_TOLERANCE


FRAME_LINE = 0.3  # a frame line is at least this share of the table's width (height) long
FRAME_SLANT = 20  # degrees a photographed table's line may depart from the horizontal (vertical)
SAME_LINE = 12  # px: segments this close to the outermost one (at the table's middle) are the same line


def _frame_lines(mask: np.ndarray) -> np.ndarray | None:
    """The corners (tl, tr, br, bl) where the outermost long lines of a table's ink cross: the topmost and
    bottommost of the roughly horizontal ones, the leftmost and rightmost of the roughly vertical ones,
    each fitted to all the segments found along it. None when a side has no such line or the corners are
    not near right angles."""
    h, w = mask.shape
    # searched at half the resolution (a quarter of the pixels; Hough's cost), fitted to the segments' ends
    half = np.where(cv2.resize(mask, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA) > 0, 255, 0)
    found = cv2.HoughLinesP(half.astype(np.uint8), 1, np.pi / 360, threshold=50,
                            minLineLength=int(FRAME_LINE * min(w, h) / 2), maxLineGap=4)
    if found is None:
        return None
    segs = found.reshape(-1, 4).astype(np.float64) * 2
    dx, dy = segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]
    slant = np.tan(np.radians(FRAME_SLANT))
    flat = (np.abs(dy) <= slant * np.abs(dx)) & (np.abs(dx) >= FRAME_LINE * w)
    upright = (np.abs(dx) <= slant * np.abs(dy)) & (np.abs(dy) >= FRAME_LINE * h)
    lines = []
    for group, across, middle, along in ((flat, 1, w / 2, 0), (upright, 0, h / 2, 1)):
        if not group.any():
            return None
        g = segs[group]
        # where each segment's line crosses the middle of the table (y for a flat one, x for an upright one)
        a0, a1 = g[:, along], g[:, along + 2]
        b0, b1 = g[:, across], g[:, across + 2]
        at = b0 + (b1 - b0) * (middle - a0) / np.where(a1 == a0, 1e-9, a1 - a0)
        for side in (at.min(), at.max()):
            pts = np.concatenate([g[np.abs(at - side) <= SAME_LINE][:, :2], g[np.abs(at - side) <= SAME_LINE][:, 2:]])
            vx, vy, px, py = cv2.fitLine(pts.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
            lines.append((np.array([px, py]), np.array([vx, vy])))
    top, bottom, left, right = lines
    corners = [_crossing(p, q) for p, q in ((top, left), (top, right), (bottom, right), (bottom, left))]
    if any(c is None for c in corners):
        return None
    quad = np.array(corners, dtype=np.float32)
    return quad if _near_right_angles(quad) else None


def _crossing(line: tuple[np.ndarray, np.ndarray], other: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """Where two lines (a point and a direction each) cross; None when they are parallel."""
    (a, u), (b, v) = line, other
    det = u[0] * -v[1] - u[1] * -v[0]
    if abs(det) < 1e-6:
        return None
    s = ((b - a)[0] * -v[1] - (b - a)[1] * -v[0]) / det
    return a + s * u


def _near_right_angles(quad: np.ndarray) -> bool:
    """Every corner of the quadrilateral within MAX_ANGLE of a right angle."""
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(np.degrees(np.arccos(np.clip(cos, -1, 1))) - 90) > MAX_ANGLE:
            return False
    return True


def _quadrilateral(outline: np.ndarray) -> np.ndarray | None:
    """The outline's four corners (ordered), if it is a convex quadrilateral with corners near right angles."""
    hull = cv2.convexHull(outline)
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for share in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
        if len(approx) < 4:
            return None
    if quad is None:
        return None
    quad = _ordered(quad)
    return quad if _near_right_angles(quad) else None


def _ordered(pts: np.ndarray) -> np.ndarray:
    """Top left, top right, bottom right, bottom left."""
    s, d = pts.sum(axis=1), pts[:, 0] - pts[:, 1]
    return np.array([pts[np.argmin(s)], pts[np.argmax(d)], pts[np.argmax(s)], pts[np.argmin(d)]], dtype=np.float32)


def _refined(outline: np.ndarray, quad: np.ndarray, w: int, h: int) -> np.ndarray | None:
    """The corners as intersections of straight lines fitted to the outline's points along each side
    (finer than the polygon's vertices, which are points of the reduced outline). Points on the image's
    edge are not the page's edge (the page reaches beyond, or the strip of desk is too thin to see there);
    None if a side has too few others (SEEN of its length)."""
    pts = outline.reshape(-1, 2).astype(np.float32)
    x, y = pts[:, 0], pts[:, 1]
    seen = (x > EDGE) & (y > EDGE) & (x < w - 1 - EDGE) & (y < h - 1 - EDGE)
    centre = quad.mean(axis=0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        length = float(np.linalg.norm(ab))
        rel = pts - a
        t = rel @ ab / (length * length)
        dist = np.abs(ab[0] * rel[:, 1] - ab[1] * rel[:, 0]) / length
        side = pts[(t > 0.1) & (t < 0.9) & (dist < 3) & seen]  # the middle, away from rounded corners
        if len(side) < max(10, SEEN * length):
            return None
        vx, vy, x0, y0 = cv2.fitLine(side, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        normal = np.array([-vy, vx], dtype=np.float32)
        if float(normal @ (np.array([x0, y0], dtype=np.float32) - centre)) < 0:
            normal = -normal
        # the outline runs through the centres of the page's outermost pixels: its edge is half a pixel out
        lines.append((np.array([x0, y0], dtype=np.float32) + 0.5 * normal, np.array([vx, vy], dtype=np.float32)))
    corners = [_crossing(lines[i - 1], lines[i]) for i in range(4)]
    if any(c is None for c in corners):
        return quad
    out = np.array(corners, dtype=np.float32)
    return out if float(np.abs(out - quad).max()) < 10 else quad
